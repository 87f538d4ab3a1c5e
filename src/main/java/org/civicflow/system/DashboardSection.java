package org.civicflow.system;

import java.util.List;

/**
 * A section of the manager dashboard as a stage describes it: a Chinese title, key figures, charts, tables
 * and links. Only text and numbers: the page escapes every string and draws charts as SVG from the numbers.
 *
 * @param order    position on the page, ascending (calls 10, tenders 20, contracts 30, tasks 40)
 * @param title    Chinese heading
 * @param subtitle one line under the heading (may be empty)
 */
public record DashboardSection(int order, String title, String subtitle, List<Figure> figures, List<Chart> charts,
                               List<Table> tables, List<Link> links) {

    public DashboardSection {
        subtitle = subtitle == null ? "" : subtitle;
        figures = List.copyOf(figures);
        charts = List.copyOf(charts);
        tables = List.copyOf(tables);
        links = List.copyOf(links);
    }

    /** A key number: "已立项 3". {@code note} may be empty. */
    public record Figure(String label, String value, String note) {

        public Figure {
            note = note == null ? "" : note;
        }

        public static Figure of(String label, Object value) {
            return new Figure(label, String.valueOf(value), "");
        }
    }

    /**
     * A chart drawn as inline SVG: {@link Kind#BARS} one horizontal bar per entry (e.g. rejections by rule id),
     * {@link Kind#STACKED} one bar split into its parts (e.g. a round's applications by outcome).
     */
    public record Chart(String title, Kind kind, List<Bar> bars) {

        public enum Kind {
            BARS, STACKED
        }

        public Chart {
            bars = List.copyOf(bars);
        }
    }

    /** One bar or segment; {@code value} must not be negative. */
    public record Bar(String label, long value) {

        public Bar {
            if (value < 0) {
                throw new IllegalArgumentException("Bar value must not be negative: " + value);
            }
        }
    }

    /** A table; each row has one cell per header. */
    public record Table(String title, List<String> headers, List<List<Cell>> rows) {

        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A table cell: text, optionally with one or more links (empty list: plain text). */
    public record Cell(String text, List<Link> links) {

        public Cell {
            text = text == null ? "" : text;
            links = List.copyOf(links);
        }

        public static Cell text(Object text) {
            return new Cell(text == null ? "" : String.valueOf(text), List.of());
        }

        public static Cell links(List<Link> links) {
            return new Cell("", links);
        }

        public static Cell link(String text, String href) {
            return new Cell("", List.of(new Link(text, href)));
        }
    }

    /** A link inside CivicFlow: built with {@link DashboardLinks}, so always a path on this server. */
    public record Link(String text, String href) {

        public Link {
            if (href == null || !href.startsWith("/") || href.startsWith("//")) {
                throw new IllegalArgumentException("Dashboard links stay on this server: " + href);
            }
        }
    }
}
