package nl.iwa.hub.impact;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Times from request to first contact, in whole hours, kept as a bounded histogram rather than every value: one
 * bucket per hour up to {@link #OVERFLOW_HOURS} (60 days), and one bucket for everything beyond, so a cell's
 * size does not grow with its count and medians can still be read off it exactly to the hour. Sparse: only
 * buckets that hold something are kept. Immutable.
 */
public final class FirstContactHistogram {

    /** The last bucket: 60 days and more (first contact is due within a few working days; beyond two months the hour no longer matters). */
    public static final int OVERFLOW_HOURS = 60 * 24;

    private static final FirstContactHistogram EMPTY = new FirstContactHistogram(new TreeMap<>());

    private final SortedMap<Integer, Long> buckets;
    private final long count;

    private FirstContactHistogram(SortedMap<Integer, Long> buckets) {
        this.buckets = Collections.unmodifiableSortedMap(buckets);
        this.count = buckets.values().stream().mapToLong(Long::longValue).sum();
    }

    public static FirstContactHistogram empty() {
        return EMPTY;
    }

    /** From stored buckets (hours → count); hours beyond the overflow bucket fold into it, empty buckets are dropped. */
    public static FirstContactHistogram of(Map<Integer, Long> buckets) {
        SortedMap<Integer, Long> b = new TreeMap<>();
        buckets.forEach((h, n) -> {
            if (h < 0 || n < 0) {
                throw new IllegalArgumentException("hours and counts are never negative");
            }
            if (n > 0) {
                b.merge(Math.min(h, OVERFLOW_HOURS), n, Long::sum);
            }
        });
        return new FirstContactHistogram(b);
    }

    /** The bucket a time falls in: whole hours, at most the overflow bucket. */
    public static int bucketOf(long hours) {
        if (hours < 0) {
            throw new IllegalArgumentException("first contact cannot come before the request");
        }
        return (int) Math.min(hours, OVERFLOW_HOURS);
    }

    public FirstContactHistogram plusHours(long hours) {
        SortedMap<Integer, Long> b = new TreeMap<>(buckets);
        b.merge(bucketOf(hours), 1L, Long::sum);
        return new FirstContactHistogram(b);
    }

    public FirstContactHistogram plus(FirstContactHistogram other) {
        if (other.count == 0) {
            return this;
        }
        SortedMap<Integer, Long> b = new TreeMap<>(buckets);
        other.buckets.forEach((h, n) -> b.merge(h, n, Long::sum));
        return new FirstContactHistogram(b);
    }

    public long count() {
        return count;
    }

    public SortedMap<Integer, Long> buckets() {
        return buckets;
    }

    /**
     * The (lower) median in whole hours: the bucket holding the ceil(n/2)-th smallest time; {@link #OVERFLOW_HOURS}
     * means 60 days or more. Empty when nothing is counted.
     */
    public OptionalInt median() {
        if (count == 0) {
            return OptionalInt.empty();
        }
        long rank = (count + 1) / 2;
        long seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return OptionalInt.of(e.getKey());
            }
        }
        throw new IllegalStateException("unreachable: the counts add up to count");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirstContactHistogram h && h.buckets.equals(buckets);
    }

    @Override
    public int hashCode() {
        return buckets.hashCode();
    }

    @Override
    public String toString() {
        return "FirstContactHistogram" + buckets;
    }
}
