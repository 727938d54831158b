package org.opencsd.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A horizontal bar chart of speed-ups against a baseline: one group per comparison label, one bar
 * per candidate, a line at 1x (the baseline), each bar labelled with its ratio. Uses a logarithmic
 * axis when the ratios span more than 20x. Stateless.
 */
public final class RatioChart {
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00)};

    private RatioChart() {}

    /** The chart of {@code rows}; {@code axisLabel} names the ratio ("speed-up vs plain Java"). */
    public static JFreeChart build(String title, String axisLabel, List<Comparison> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Comparison c : rows) {
            data.addValue(c.speedup(), c.candidate(), c.label());
            min = Math.min(min, c.speedup());
            max = Math.max(max, c.speedup());
        }
        ValueAxis axis;
        if (max / min > 20) {
            LogAxis log = new LogAxis(axisLabel + " (log scale)");
            log.setBase(10);
            log.setSmallestValue(min / 2);
            log.setRange(min / 2, max * 3);
            log.setTickUnit(new NumberTickUnit(1.0));  // one tick per power of ten
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.####'x'"));
            axis = log;
        } else {
            NumberAxis lin = new NumberAxis(axisLabel);
            lin.setRange(0, Math.max(1.2, max * 1.25));
            axis = lin;
        }
        CategoryAxis cats = new CategoryAxis(null);
        cats.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        cats.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}x", new java.text.DecimalFormat("0.##")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        for (int i = 0; i < PALETTE.length; i++) r.setSeriesPaint(i, PALETTE[i]);
        CategoryPlot plot = new CategoryPlot(data, cats, axis, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        ValueMarker one = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f));
        one.setLabel("baseline 1x");
        one.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        one.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(one);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A height that gives each bar room: {@code 120 + 22} pixels per bar, at least 360. */
    public static int height(List<Comparison> rows) {
        return Math.max(360, 140 + 22 * rows.size());
    }
}
