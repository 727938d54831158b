package org.opencsd.cli.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes a JFreeChart to a PNG or an SVG file, chosen by the file's extension. Rendering runs
 * headless ({@code java.awt.headless=true} is set before the first chart is drawn), so no display
 * is needed. Stateless and safe to call from any thread.
 */
public final class ChartFiles {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {}

    /** The image formats a chart can be written in. */
    public enum Format { PNG, SVG }

    /**
     * The format named by {@code file}'s extension ({@code .png} or {@code .svg}, any case).
     *
     * @throws IllegalArgumentException naming the file when the extension is neither
     */
    public static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) return Format.PNG;
        if (name.endsWith(".svg")) return Format.SVG;
        throw new IllegalArgumentException("cannot tell the image format of " + file + ": use a .png or .svg name");
    }

    /** Draws {@code chart} at {@code width} x {@code height} pixels into {@code file} (PNG or SVG by extension). */
    public static void write(JFreeChart chart, Path file, int width, int height) throws IOException {
        Format f = formatOf(file);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (f == Format.PNG) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
        } else {
            SVGGraphics2D g2 = new SVGGraphics2D(width, height);
            chart.draw(g2, new java.awt.Rectangle(0, 0, width, height));
            Files.writeString(file, g2.getSVGDocument());
        }
    }
}
