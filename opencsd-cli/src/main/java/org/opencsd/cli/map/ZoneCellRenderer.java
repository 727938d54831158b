package org.opencsd.cli.map;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.Serial;
import java.util.List;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;
import org.opencsd.zns.ZoneState;

/**
 * Draws item {@code i} of series 0 as the cell of zone {@code i}: a unit square centred on the item's
 * (column, row) whose width is the zone size, filled from the left to the write pointer (valid
 * data in the state's colour, invalid data in {@link ZoneColors#INVALID}), then the writable rest
 * in a light tint and the LBAs beyond the capacity in grey. Cells that are large enough carry the
 * zone number. Not thread-safe (JFreeChart draws a chart from one thread).
 */
final class ZoneCellRenderer extends AbstractXYItemRenderer {
    @Serial private static final long serialVersionUID = 1L;
    /** Fraction of a cell left as a gap around it. */
    private static final double GAP = 0.08;

    private final transient List<ZoneCell> cells;

    ZoneCellRenderer(List<ZoneCell> cells) {
        this.cells = List.copyOf(cells);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        ZoneCell c = cells.get(item);
        double col = dataset.getXValue(series, item);
        double row = dataset.getYValue(series, item);
        var xEdge = plot.getDomainAxisEdge();
        var yEdge = plot.getRangeAxisEdge();
        double x0 = domainAxis.valueToJava2D(col - 0.5 + GAP / 2, dataArea, xEdge);
        double x1 = domainAxis.valueToJava2D(col + 0.5 - GAP / 2, dataArea, xEdge);
        double y0 = rangeAxis.valueToJava2D(row - 0.5 + GAP / 2, dataArea, yEdge);
        double y1 = rangeAxis.valueToJava2D(row + 0.5 - GAP / 2, dataArea, yEdge);
        double left = Math.min(x0, x1);
        double top = Math.min(y0, y1);
        double w = Math.abs(x1 - x0);
        double h = Math.abs(y1 - y0);
        double perLba = w / c.size();
        if (c.state() == ZoneState.OFFLINE) {
            fill(g2, ZoneColors.of(ZoneState.OFFLINE), left, top, w, h);
        } else {
            double validW = (c.hasAccounting() ? c.valid() : c.written()) * perLba;
            double invalidW = c.invalid() * perLba;
            double unwrittenW = (c.capacity() - c.written()) * perLba;
            fill(g2, ZoneColors.of(c.state()), left, top, validW, h);
            fill(g2, ZoneColors.INVALID, left + validW, top, invalidW, h);
            fill(g2, ZoneColors.unwritten(c.state()), left + validW + invalidW, top, unwrittenW, h);
            double beyond = left + validW + invalidW + unwrittenW;
            fill(g2, ZoneColors.BEYOND_CAPACITY, beyond, top, left + w - beyond, h);
        }
        if (w >= 6) {
            g2.setPaint(ZoneColors.OUTLINE);
            g2.setStroke(new BasicStroke(w >= 30 ? 1.2f : 0.5f));
            g2.draw(new Rectangle2D.Double(left, top, w, h));
        }
        label(g2, c, left, top, w, h);
    }

    private static void fill(Graphics2D g2, Color color, double x, double y, double w, double h) {
        if (w <= 0) return;
        g2.setPaint(color);
        g2.fill(new Rectangle2D.Double(x, y, w, h));
    }

    /** The zone number (and its file-system role) in the cell's top-left corner, when it fits. */
    private static void label(Graphics2D g2, ZoneCell c, double left, double top, double w, double h) {
        if (w < 26 || h < 16) return;
        g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.min(14, Math.max(9, h / 4))));
        FontMetrics fm = g2.getFontMetrics();
        String s = String.valueOf(c.zone());
        if (fm.stringWidth(s) + 6 > w) return;
        if (!c.role().isEmpty() && fm.stringWidth(s + " " + c.role()) + 6 <= w) s += " " + c.role();
        float x = (float) (left + 3);
        float y = (float) (top + fm.getAscent() + 2);
        g2.setPaint(new Color(255, 255, 255, 200));
        g2.fill(new Rectangle2D.Double(x - 2, top + 2, fm.stringWidth(s) + 4, fm.getAscent() + 1));
        g2.setPaint(Color.BLACK);
        g2.drawString(s, x, y);
    }
}
