package org.civicflow.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Server-side geometry of the dashboard's charts: the template only writes the rectangles and texts computed
 * here into inline SVG (no script, no external library, nothing to load). Public records because FreeMarker
 * reads only public types; they are a view model, not an API for the stages.
 */
public final class DashboardCharts {

    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 170;
    static final int BAR_AREA = 380;
    static final int ROW = 28;
    static final int BAR_HEIGHT = 18;
    static final int STACK_HEIGHT = 30;
    static final int LEGEND_ROW = 22;
    static final List<String> PALETTE = List.of("#2f6fb0", "#d9534f", "#f0ad4e", "#5cb85c", "#8e6bb8", "#5bc0de",
            "#8a8a8a", "#c7781f", "#3c8d7a", "#b0417a");

    /** One section of the page with its charts drawn. */
    public record SectionView(DashboardSection section, List<SvgChart> charts) {
    }

    /** A chart ready to draw: {@code empty} charts show a note instead of bars. */
    public record SvgChart(String title, String kind, int width, int height, long total, boolean empty,
                           List<SvgBar> bars) {
    }

    /**
     * A rectangle with its label and value; for {@code BARS} the label sits left of the bar and the value after
     * it, for {@code STACKED} the label and value go to the legend row at {@code legendY}.
     */
    public record SvgBar(String label, long value, String share, String color, int x, int y, int width, int height,
                         int textY, int valueX, int legendY) {
    }

    private DashboardCharts() {
    }

    static SvgChart draw(DashboardSection.Chart chart) {
        long total = chart.bars().stream().mapToLong(DashboardSection.Bar::value).sum();
        return chart.kind() == DashboardSection.Chart.Kind.STACKED ? stacked(chart, total) : bars(chart, total);
    }

    private static SvgChart bars(DashboardSection.Chart chart, long total) {
        long max = chart.bars().stream().mapToLong(DashboardSection.Bar::value).max().orElse(0);
        List<SvgBar> bars = new ArrayList<>();
        int index = 0;
        for (DashboardSection.Bar bar : chart.bars()) {
            int y = 6 + index * ROW;
            // a bar of 0 stays invisible; any other value gets at least 2 px so it can be seen
            int width = max == 0 || bar.value() == 0 ? 0 : (int) Math.max(2, Math.round(BAR_AREA * (double) bar.value() / max));
            bars.add(new SvgBar(bar.label(), bar.value(), share(bar.value(), total), color(index), LABEL_WIDTH, y, width,
                    BAR_HEIGHT, y + BAR_HEIGHT - 4, LABEL_WIDTH + width + 6, 0));
            index++;
        }
        int height = Math.max(ROW, 12 + chart.bars().size() * ROW);
        return new SvgChart(chart.title(), "BARS", WIDTH, height, total, total == 0, bars);
    }

    private static SvgChart stacked(DashboardSection.Chart chart, long total) {
        List<SvgBar> bars = new ArrayList<>();
        int x = 0;
        int index = 0;
        long before = 0;
        for (DashboardSection.Bar bar : chart.bars()) {
            // cumulative rounding: the segments always end exactly at the full width
            before += bar.value();
            int end = total == 0 ? 0 : (int) Math.round(WIDTH * (double) before / total);
            int legendY = STACK_HEIGHT + 14 + index * LEGEND_ROW;
            bars.add(new SvgBar(bar.label(), bar.value(), share(bar.value(), total), color(index), x, 0, end - x,
                    STACK_HEIGHT, legendY + 11, 18, legendY));
            x = end;
            index++;
        }
        int height = STACK_HEIGHT + 14 + chart.bars().size() * LEGEND_ROW + 4;
        return new SvgChart(chart.title(), "STACKED", WIDTH, height, total, total == 0, bars);
    }

    private static String share(long value, long total) {
        return total == 0 ? "0%" : Math.round(100.0 * value / total) + "%";
    }

    private static String color(int index) {
        return PALETTE.get(index % PALETTE.size());
    }
}
