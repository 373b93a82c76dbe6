package dev.benchbox.bench;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.platform.LocalNeed;
import dev.benchbox.platform.Platform;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Refuses, before anything is generated, a load this machine cannot hold: the platform says what generating the data
 * set takes here ({@link Platform#localNeed}, from the benchmark's measured {@link Benchmark#footprint}), and the
 * refusal is one line naming what would work instead: a smaller scale (the largest that fits), and the platform's own
 * alternatives. {@code --force} skips it.
 */
@Component
public final class ResourceGuard {
    private final Machine machine;

    @Autowired
    public ResourceGuard() {
        this(Machine.local());
    }

    public ResourceGuard(Machine machine) {
        this.machine = requireNonNull(machine, "machine is null");
    }

    /** Throws a one-line {@link BenchboxException} when the load would not fit, unless forced. */
    public void check(Platform platform, Benchmark benchmark, double scale, boolean force) {
        if (!force) {
            refusal(platform, benchmark, scale).ifPresent(message -> {
                throw new BenchboxException(message);
            });
        }
    }

    /** Why this machine cannot hold the load, with what would work instead; empty when it can (or the data goes elsewhere). */
    public Optional<String> refusal(Platform platform, Benchmark benchmark, double scale) {
        Optional<LocalNeed> need = platform.localNeed(benchmark.dataSet(), benchmark.footprint(), scale);
        if (need.isEmpty()) {
            return Optional.empty();
        }
        Snapshot now = new Snapshot(machine);
        Optional<String> shortage = shortage(need.get(), now);
        if (shortage.isEmpty()) {
            return Optional.empty();
        }
        List<String> instead = new ArrayList<>();
        smallerScale(platform, benchmark, scale, now).ifPresent(smaller ->
                instead.add("a smaller scale (up to SF " + Scale.of(smaller).text() + ")"));
        instead.addAll(need.get().instead());
        return Optional.of("SF " + Scale.of(scale).text() + " of " + benchmark.title() + " needs about " + shortage.get()
                + (instead.isEmpty() ? "" : ": use " + orList(instead)) + "; add --force to try anyway");
    }

    /** What does not fit, as a phrase ({@code 1.9 TB of memory in ...; this machine has 21 GB available}); empty when all fits. */
    private static Optional<String> shortage(LocalNeed need, Snapshot now) {
        long memory = now.memory();
        if (need.memoryBytes() > memory) {
            String capped = need.memoryBytes() < need.dataBytes()
                    ? " (the engine's memory limit; the rest of its " + bytes(need.dataBytes()) + " goes to disk)" : "";
            return Optional.of(bytes(need.memoryBytes()) + " of memory " + need.in() + capped + "; this machine has "
                    + bytes(memory) + " available");
        }
        // several needs may share one disk: add them up per folder's free space
        Map<Path, Long> wanted = new HashMap<>();
        for (LocalNeed.Disk disk : need.disks()) {
            long wantedHere = wanted.merge(disk.folder(), disk.bytes(), Long::sum);
            long free = now.usable(disk.folder());
            if (wantedHere > free) {
                return Optional.of(bytes(wantedHere) + " of disk in " + disk.folder() + " " + disk.forWhat() + " "
                        + need.in() + "; it has " + bytes(free) + " free");
            }
        }
        return Optional.empty();
    }

    /**
     * The largest round scale below {@code scale} (1, 2, 3 or 5 times a power of ten, within the benchmark's range) that
     * fits; empty when even the smallest does not.
     */
    private static Optional<Double> smallerScale(Platform platform, Benchmark benchmark, double scale, Snapshot now) {
        BigDecimal smallest = benchmark.scaleRange().smallest();
        BigDecimal decade = BigDecimal.ONE.movePointRight((int) Math.floor(Math.log10(scale)));
        for (int steps = 0; steps < 64 && decade.multiply(BigDecimal.TEN).compareTo(smallest) >= 0; steps++) {
            for (int mantissa : new int[] {5, 3, 2, 1}) {
                BigDecimal candidate = decade.multiply(BigDecimal.valueOf(mantissa));
                double value = candidate.doubleValue();
                if (value >= scale || candidate.compareTo(smallest) < 0 || !benchmark.scaleRange().contains(value)) {
                    continue;
                }
                Optional<LocalNeed> need = platform.localNeed(benchmark.dataSet(), benchmark.footprint(), value);
                if (need.isEmpty() || shortage(need.get(), now).isEmpty()) {
                    return Optional.of(value);
                }
            }
            decade = decade.movePointLeft(1);
        }
        return Optional.empty();
    }

    private static String orList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** A size as people read it: {@code 780 MB}, {@code 1.9 TB} (powers of 1024, as {@code free} and {@code df -h} count). */
    static String bytes(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return (value < 9.95 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value)) + " " + units[unit];
    }

    /** The machine read once per check, so a refusal and its smaller scale agree. */
    private static final class Snapshot {
        private final Machine machine;
        private final long memory;
        private final Map<Path, Long> usable = new HashMap<>();

        Snapshot(Machine machine) {
            this.machine = machine;
            this.memory = machine.availableMemoryBytes();
        }

        long memory() {
            return memory;
        }

        long usable(Path folder) {
            return usable.computeIfAbsent(folder, machine::usableBytes);
        }
    }
}
