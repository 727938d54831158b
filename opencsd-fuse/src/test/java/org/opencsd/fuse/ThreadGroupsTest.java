package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Task ids resolve to their process: leaders by the pidfd fast path, other threads through /proc. */
class ThreadGroupsTest {
    private static final long PID = ProcessHandle.current().pid();

    @Test
    void aProcessLeaderIsItsOwnProcess() {
        assertEquals(OptionalLong.of(PID), ThreadGroups.of((int) PID));
        assertEquals(OptionalLong.of(PID), new Request(0, 0, (int) PID, 0).processId());
    }

    @Test
    void anotherThreadResolvesToTheProcessItBelongsTo() throws Exception {
        int[] tid = new int[1];
        long[] group = new long[1];
        Thread probe = Thread.ofPlatform().start(() -> {
            tid[0] = ownTid();
            group[0] = ThreadGroups.of(tid[0]).orElse(-1);
        });
        probe.join();
        assertNotEquals(PID, tid[0], "a second thread has its own task id");
        assertEquals(PID, group[0], "thread " + tid[0] + " of process " + PID);
    }

    @Test
    void goneOrKernelTasksHaveNoProcess() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long gone = p.pid();
        p.waitFor();
        assertEquals(OptionalLong.empty(), ThreadGroups.of((int) gone));
        assertEquals(OptionalLong.empty(), ThreadGroups.of(0));
        assertEquals(OptionalLong.empty(), ThreadGroups.of(-5));
    }

    private static int ownTid() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // "PID/task/TID"
            return Integer.parseInt(self.substring(self.lastIndexOf('/') + 1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
