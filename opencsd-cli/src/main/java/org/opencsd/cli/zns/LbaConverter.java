package org.opencsd.cli.zns;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an LBA or count in decimal or, with {@code 0x}, hexadecimal. Stateless; thread-safe. */
public final class LbaConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String s = value.trim();
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
                    : Long.parseLong(s);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a non-negative number (decimal or 0x hex)");
        }
    }
}
