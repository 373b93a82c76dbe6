package dev.benchbox.results.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The price-performance frontier: the configurations no other one beats on both time and cost. Each is the
 * fastest there is for its price; everything else is slower and no cheaper than one of them.
 */
public final class Frontier {
    /** A configuration's time and cost. */
    public record Point(String label, double ms, double usd) {
    }

    private Frontier() {
    }

    /** The labels on the frontier, cheapest first. */
    public static List<String> of(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::usd).thenComparingDouble(Point::ms));
        List<String> frontier = new ArrayList<>();
        double fastest = Double.POSITIVE_INFINITY;
        for (Point point : sorted) {
            if (point.ms() < fastest) {
                frontier.add(point.label());
                fastest = point.ms();
            }
        }
        return frontier;
    }
}
