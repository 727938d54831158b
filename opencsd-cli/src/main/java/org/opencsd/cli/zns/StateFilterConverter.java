package org.opencsd.cli.zns;

import java.util.Locale;
import org.opencsd.zns.ReportFilter;
import org.opencsd.zns.ZoneState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a report filter: {@code all}, a state name as nvme-cli prints it ({@code IMP_OPENED},
 * {@code READONLY}...) or spelled out ({@code implicitly-opened}, {@code read-only}...), or the
 * Reporting Options number 0-7. Stateless; thread-safe.
 */
public final class StateFilterConverter implements ITypeConverter<ReportFilter> {
    @Override
    public ReportFilter convert(String value) {
        String s = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ReportFilter f : ReportFilter.values()) {
            if (f.name().equals(s) || String.valueOf(f.code()).equals(s)) return f;
        }
        for (ZoneState z : ZoneState.values()) {
            if (z.nvmeCliName().equals(s)) return ReportFilter.of(z);
        }
        throw new TypeConversionException("unknown zone state '" + value + "' (one of: all, empty, imp_opened, "
                + "exp_opened, closed, full, readonly, offline)");
    }
}
