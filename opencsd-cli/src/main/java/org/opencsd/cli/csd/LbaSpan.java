package org.opencsd.cli.csd;

import org.opencsd.cli.UserError;
import picocli.CommandLine.ITypeConverter;

/**
 * An inclusive LBA range {@code A-B} from the command line. Immutable.
 *
 * @param first first LBA
 * @param last  last LBA (inclusive)
 */
record LbaSpan(long first, long last) {
    /** Parses {@code A-B} (decimal or 0x hex). */
    static final class Converter implements ITypeConverter<LbaSpan> {
        @Override
        public LbaSpan convert(String value) {
            int dash = value.indexOf('-', 1);
            if (dash < 0) throw new UserError("--lbas wants A-B (inclusive), not " + value);
            long a = parse(value.substring(0, dash)), b = parse(value.substring(dash + 1));
            if (b < a) throw new UserError("--lbas " + value + ": the last LBA is before the first");
            return new LbaSpan(a, b);
        }

        private static long parse(String s) {
            try {
                long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
                if (v < 0) throw new NumberFormatException();
                return v;
            } catch (NumberFormatException e) {
                throw new UserError("not an LBA: " + s);
            }
        }
    }
}
