package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mount with readdirplus: the kernel lists directories through it, with correct results. */
class ReaddirPlusTest {

    @Test
    void listingWithAttributes(@TempDir Path tmp) throws Exception {
        MountOptions options = MountOptions.defaults().withReaddirPlus(true).withAllowOther(true);
        try (MountedMemoryFs m = MountedMemoryFs.mount(tmp, options)) {
            FuseTestSupport.Result made = FuseTestSupport.sh(m.root, "mkdir d && for i in $(seq 1 200); do printf $i > d/f$i; done");
            assertEquals(0, made.exit(), made.output());
            FuseTestSupport.Result ls = FuseTestSupport.sh(m.root, "ls -l d | tail -n +2 | wc -l; find d -type f | wc -l");
            assertEquals("200\n200\n", ls.output());
            assertTrue(m.fs.calls().stream().anyMatch(c -> c.op().equals("readdirplus")), "readdirplus served");
            assertEquals("3", Files.readString(m.root.resolve("d/f3")));
        }
    }
}
