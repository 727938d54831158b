package org.opencsd.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The GC write-amplification chart: per utilisation a stacked bar of the application's own bytes
 * (1.0), GC relocations and metadata, so the bar's height is the WA. Stateless.
 */
final class GcChart {
    private GcChart() {}

    static JFreeChart build(List<GcResult> gc) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double max = 1;
        for (GcResult g : gc) {
            String cat = String.format(Locale.ROOT, "%.0f %% full", g.utilisation() * 100);
            double extra = Math.max(0, g.writeAmplification() - 1 - g.metadataShare());
            data.addValue(1.0, "application data (baseline 1.0)", cat);
            data.addValue(extra, "GC relocation", cat);
            data.addValue(g.metadataShare(), "metadata", cat);
            max = Math.max(max, g.writeAmplification());
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x0072B2));
        r.setSeriesPaint(1, new Color(0xD55E00));
        r.setSeriesPaint(2, new Color(0xE69F00));
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.00")));
        r.setDefaultItemLabelsVisible(true);
        r.setMaximumBarWidth(0.2);
        NumberAxis y = new NumberAxis("device bytes written / application bytes written");
        y.setRange(0, max * 1.2);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("utilisation of the usable space"), y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        plot.addRangeMarker(new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.2f)));
        JFreeChart chart = new JFreeChart("GC write amplification, random 4 KiB overwrites",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
