package org.opencsd.cli.map;

import java.awt.Color;
import org.opencsd.zns.ZoneState;

/**
 * The zone map's palette: a colour per zone state for written data, a light tint of it for the
 * writable space above the write pointer, and fixed colours for invalid data and for the space
 * beyond the capacity. Colours are distinguishable for common colour-vision deficiencies
 * (Okabe-Ito based). Stateless.
 */
final class ZoneColors {
    /** Written data that no live file maps (garbage that GC can reclaim). */
    static final Color INVALID = new Color(0xD55E00);
    /** LBAs beyond the zone capacity: part of the zone size but never writable. */
    static final Color BEYOND_CAPACITY = new Color(0x505050);
    /** Cell outlines. */
    static final Color OUTLINE = new Color(0x202020);

    private ZoneColors() {}

    /** The colour of written (or, with accounting, valid) data in a zone of state {@code s}. */
    static Color of(ZoneState s) {
        return switch (s) {
            case EMPTY -> new Color(0xBBBBBB);
            case IMPLICITLY_OPENED -> new Color(0x009E73);
            case EXPLICITLY_OPENED -> new Color(0x56B4E9);
            case CLOSED -> new Color(0xE69F00);
            case FULL -> new Color(0x0072B2);
            case READ_ONLY -> new Color(0xCC79A7);
            case OFFLINE -> new Color(0x000000);
        };
    }

    /** The light tint filling the writable but unwritten part of a zone of state {@code s}. */
    static Color unwritten(ZoneState s) {
        Color c = of(s);
        return new Color(tint(c.getRed()), tint(c.getGreen()), tint(c.getBlue()));
    }

    private static int tint(int v) {
        return v + (255 - v) * 3 / 4;
    }
}
