package org.opencsd.cli.map;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;
import org.opencsd.zns.ZoneState;

/**
 * Builds the zone map chart: one cell per zone laid out in rows (row labels give the first zone
 * of each row), each filled to its write pointer as {@link ZoneCellRenderer} draws it, with a
 * title, a summary subtitle and a legend of the colours in use. Stateless.
 */
public final class ZoneMapChart {
    /** Width-to-height ratio aimed at for one cell: wide cells show the fill level best. */
    private static final double CELL_ASPECT = 2.5;

    private ZoneMapChart() {}

    /**
     * The chart of {@code cells} (zone i at index i).
     *
     * @param title      the chart title
     * @param summary    a line under the title (geometry, file system usage)
     * @param fluffle    whether valid/invalid accounting is drawn (adds its legend entry)
     * @param width      image width the layout is computed for, in pixels
     * @param height     image height, in pixels
     */
    public static JFreeChart build(List<ZoneCell> cells, String title, String summary, boolean fluffle,
                                   int width, int height) {
        if (cells.isEmpty()) throw new IllegalArgumentException("no zones to draw");
        int n = cells.size();
        int cols = columns(n, width - 120, height - 190);
        int rows = (n + cols - 1) / cols;
        DefaultXYDataset data = new DefaultXYDataset();
        double[][] xy = new double[2][n];
        for (int i = 0; i < n; i++) {
            xy[0][i] = i % cols;
            xy[1][i] = i / cols;
        }
        data.addSeries("zones", xy);

        NumberAxis x = new NumberAxis(cols <= 32 ? "zone = first zone of the row + column" : null);
        x.setRange(-0.5, cols - 0.5);
        x.setTickUnit(new NumberTickUnit(cols <= 16 ? 1 : cols <= 32 ? 4 : 8));
        x.setTickLabelsVisible(cols <= 32);
        x.setTickMarksVisible(cols <= 32);
        x.setAxisLineVisible(false);
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        String[] rowLabels = new String[rows];
        for (int r = 0; r < rows; r++) rowLabels[r] = String.valueOf(r * cols);
        SymbolAxis y = new SymbolAxis(rows > 1 ? "first zone of the row" : null, rowLabels);
        y.setInverted(true);
        y.setGridBandsVisible(false);
        y.setAxisLineVisible(false);
        y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, rows > 48 ? 8 : 10));
        if (rows > 48) y.setTickUnit(new NumberTickUnit(Math.ceil(rows / 32.0)));
        y.setRange(-0.5, rows - 0.5);  // cells are centred on integer rows, where SymbolAxis puts labels

        XYPlot plot = new XYPlot(data, x, y, new ZoneCellRenderer(cells));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setFixedLegendItems(legend(cells, fluffle));

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle sub = new TextTitle(summary, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        sub.setPosition(RectangleEdge.TOP);
        chart.addSubtitle(sub);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    /**
     * The column count, a power of two (so rows start at round zone numbers), whose cells come
     * closest to {@link #CELL_ASPECT} in a {@code w} x {@code h} area.
     */
    static int columns(int n, int w, int h) {
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int cols = 1; cols / 2 < n; cols *= 2) {
            int rows = (n + cols - 1) / cols;
            double aspect = ((double) w / cols) / ((double) h / rows);
            double score = Math.abs(Math.log(aspect / CELL_ASPECT));
            if (score < bestScore) {
                bestScore = score;
                best = cols;
            }
        }
        return best;
    }

    /** "16 zones: Full 3, Empty 13" style counts, in state order. */
    public static String stateCounts(List<ZoneCell> cells) {
        Map<ZoneState, Integer> byState = new EnumMap<>(ZoneState.class);
        for (ZoneCell c : cells) byState.merge(c.state(), 1, Integer::sum);
        StringJoiner j = new StringJoiner(", ");
        byState.forEach((s, k) -> j.add(name(s) + " " + k));
        return j.toString();
    }

    private static LegendItemCollection legend(List<ZoneCell> cells, boolean fluffle) {
        LegendItemCollection items = new LegendItemCollection();
        Map<ZoneState, Boolean> present = new EnumMap<>(ZoneState.class);
        boolean beyond = false;
        for (ZoneCell c : cells) {
            present.put(c.state(), true);
            beyond |= c.capacity() < c.size();
        }
        for (ZoneState s : present.keySet()) {
            if (s != ZoneState.EMPTY) items.add(item(name(s), ZoneColors.of(s)));
        }
        if (fluffle) items.add(item("invalid data (GC can reclaim)", ZoneColors.INVALID));
        items.add(item("unwritten (light tint of the state)", ZoneColors.unwritten(ZoneState.EMPTY)));
        if (beyond) items.add(item("beyond zone capacity", ZoneColors.BEYOND_CAPACITY));
        return items;
    }

    private static LegendItem item(String label, Paint paint) {
        LegendItem li = new LegendItem(label, null, null, null, new Rectangle2D.Double(-6, -6, 12, 12), paint,
                new BasicStroke(0.5f), ZoneColors.OUTLINE);
        return li;
    }

    /** A state's display name: "Full", "Implicitly opened", ... */
    static String name(ZoneState s) {
        String n = s.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
