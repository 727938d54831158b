package org.opencsd.fuse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The listxattr wire format: each name in UTF-8 followed by a NUL. Stateless. */
final class XattrNames {
    private XattrNames() {}

    static byte[] encode(List<String> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : names) {
            if (name.isEmpty() || name.indexOf('\0') >= 0) throw new IllegalStateException("bad xattr name from filesystem: " + name);
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
