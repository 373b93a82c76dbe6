package dev.benchbox.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** This machine as a load sees it: memory still available, and free disk in a folder. Tests give their own. */
public interface Machine {
    /** Physical memory other processes (and this one) have not taken yet, in bytes. */
    long availableMemoryBytes();

    /** Bytes this process may still write in the folder (or, when it does not exist yet, in its nearest existing parent). */
    long usableBytes(Path folder);

    /** The machine this process runs on. */
    static Machine local() {
        return new Machine() {
            @Override
            public long availableMemoryBytes() {
                long fromKernel = memAvailable(Path.of("/proc/meminfo"));
                if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                    // in a container with a memory limit the JVM reports the limit, the kernel the whole host
                    boolean limited = os.getTotalMemorySize() < memTotal(Path.of("/proc/meminfo"));
                    if (fromKernel < 0 || limited) {
                        return os.getFreeMemorySize();
                    }
                }
                return fromKernel < 0 ? Long.MAX_VALUE : fromKernel;
            }

            @Override
            public long usableBytes(Path folder) {
                Path existing = folder.toAbsolutePath();
                while (existing != null && !Files.isDirectory(existing)) {
                    existing = existing.getParent();
                }
                try {
                    return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
                } catch (IOException e) {
                    // nothing to go by: the load itself will say what went wrong
                    return Long.MAX_VALUE;
                }
            }
        };
    }

    /**
     * The kernel's estimate of memory available to new work ({@code MemAvailable}: free memory plus the caches it can
     * drop), in bytes; -1 where there is no {@code /proc/meminfo}. Free memory alone would count the page cache as used.
     */
    static long memAvailable(Path meminfo) {
        return meminfoBytes(meminfo, "MemAvailable:");
    }

    private static long memTotal(Path meminfo) {
        long total = meminfoBytes(meminfo, "MemTotal:");
        return total < 0 ? Long.MAX_VALUE : total;
    }

    private static long meminfoBytes(Path meminfo, String key) {
        try {
            List<String> lines = Files.readAllLines(meminfo);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] words = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unreadable file: the caller falls back
        }
        return -1;
    }
}
