package dev.benchbox.results.compare;

import dev.benchbox.BenchboxException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code compare}: reads the results files, finds the baseline, compares. Everything typed is checked before a
 * file is read.
 */
public final class CompareService {
    private final ResultFiles files = new ResultFiles();
    private final Comparer comparer = new Comparer();

    /**
     * @param paths results files, at least two
     * @param baseline the baseline as typed: one of the paths, or a file's label (its name without .json); null: the first
     * @param thresholdPct {@code --fail-on-regression}, or null
     * @param force compare different benchmarks or scales anyway
     */
    public Comparison compare(List<Path> paths, String baseline, Double thresholdPct, boolean force) {
        return compare(paths, baseline, thresholdPct, Comparer.MIN_DIFFERENCE_MS, force, false);
    }

    /**
     * @param minDifferenceMs medians closer than this are not a change
     * @param allowMixedTiming compare runs timed in different places anyway
     */
    public Comparison compare(List<Path> paths, String baseline, Double thresholdPct, double minDifferenceMs, boolean force,
            boolean allowMixedTiming) {
        if (paths.size() < 2) {
            throw new BenchboxException("compare needs at least two results files: compare A.json B.json [C.json ...]");
        }
        if (thresholdPct != null && !(thresholdPct >= 0) || thresholdPct != null && thresholdPct.isInfinite()) {
            throw new BenchboxException("invalid --fail-on-regression " + thresholdPct + ": expected a percentage, 0 or more");
        }
        int index = baselineIndex(paths, baseline);
        return comparer.compare(files.readAll(paths), index, thresholdPct, minDifferenceMs, force, allowMixedTiming);
    }

    /**
     * A comparison whose changes must also exceed an A/A noise floor, read from {@code noiseFloor} (refused in one line
     * when the file is bad or of another benchmark or scale).
     */
    public Comparison compare(List<Path> paths, String baseline, Double thresholdPct, double minDifferenceMs, boolean force,
            boolean allowMixedTiming, Path noiseFloor) {
        if (noiseFloor == null) {
            return compare(paths, baseline, thresholdPct, minDifferenceMs, force, allowMixedTiming);
        }
        if (paths.size() < 2) {
            throw new BenchboxException("compare needs at least two results files: compare A.json B.json [C.json ...]");
        }
        int index = baselineIndex(paths, baseline);
        NoiseFloor floor = NoiseFloorFile.read(noiseFloor);
        return comparer.compare(files.readAll(paths), index, thresholdPct, minDifferenceMs, force, allowMixedTiming, floor,
                noiseFloor.toString());
    }

    /**
     * Measures the noise floor of runs of one configuration and writes it to {@code target} (never over a file unless
     * {@code replace}, and never over one of the runs).
     */
    public NoiseFloor writeNoiseFloor(List<Path> paths, Path target, boolean replace) {
        if (paths.size() < 2) {
            throw new BenchboxException("a noise floor needs at least two results files of one configuration");
        }
        for (Path path : paths) {
            if (path.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                throw new BenchboxException(target + " is one of the results files compared: write the noise floor elsewhere");
            }
        }
        NoiseFloor floor = NoiseFloor.measure(files.readAll(paths));
        NoiseFloorFile.write(floor, target, replace);
        return floor;
    }

    private static int baselineIndex(List<Path> paths, String baseline) {
        if (baseline == null) {
            return 0;
        }
        for (int i = 0; i < paths.size(); i++) {
            Path path = paths.get(i);
            String label = path.getFileName().toString().replaceFirst("\\.json$", "");
            if (path.toString().equals(baseline) || path.normalize().equals(Path.of(baseline).normalize()) || label.equals(baseline)) {
                return i;
            }
        }
        throw new BenchboxException("--baseline " + baseline + " is not one of the files compared");
    }
}
