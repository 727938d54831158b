package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneDescriptor;

/**
 * nvme-cli's report-zones line: C's {@code SLBA: %#-10lx WP: %#-10lx Cap: %#-10lx State: %#-4x
 * Type: %#-4x Attrs: %#-4x AttrsInfo: %#-4x}, where {@code %#x} prints 0 as {@code 0}.
 * Stateless; thread-safe.
 */
public final class NvmeCliFormat {
    private NvmeCliFormat() {}

    /** C's {@code %#-<width>x} of {@code v} (unsigned). */
    static String hex(long v, int width) {
        String s = v == 0 ? "0" : "0x" + Long.toHexString(v);
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** One zone as {@code nvme zns report-zones} prints it. */
    public static String line(ZoneDescriptor d) {
        return "SLBA: " + hex(d.startLba(), 10) + " WP: " + hex(d.writePointer(), 10) + " Cap: " + hex(d.capacity(), 10)
                + " State: " + hex(d.state().descriptorByte(), 4) + " Type: " + hex(d.type(), 4)
                + " Attrs: " + hex(d.attributes(), 4) + " AttrsInfo: " + hex(d.attributesInfo(), 4);
    }
}
