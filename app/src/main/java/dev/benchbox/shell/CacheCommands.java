package dev.benchbox.shell;

import dev.benchbox.cache.CachePrinter;
import dev.benchbox.cache.CachedLoads;
import dev.benchbox.cache.DataCache;
import dev.benchbox.cache.Sizes;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code cache}, {@code cache clear} and {@code cache limit}: the generated data kept for later loads. */
@ShellComponent
public class CacheCommands {
    private final CachedLoads loads;
    private final Console console;

    public CacheCommands(CachedLoads loads, Console console) {
        this.loads = loads;
        this.console = console;
    }

    @ShellMethod(key = "cache", value = "List the generated data kept for later loads (the data cache): data set, scale, tables, size, last use.",
            group = "Data")
    public void list() {
        DataCache cache = loads.cache();
        new CachePrinter(console.writer()).print(cache, cache.entries());
        console.writer().flush();
    }

    @ShellMethod(key = "cache clear", value = "Remove everything the data cache holds (only what it wrote; entries another shell is using stay).",
            group = "Data")
    public String clear() {
        DataCache.Cleared cleared = loads.cache().clear();
        String line = String.format(Locale.ROOT, "Removed %d %s (%s) from %s", cleared.removed(),
                cleared.removed() == 1 ? "entry" : "entries", Sizes.text(cleared.bytes()), loads.cache().root());
        return cleared.inUse().isEmpty() ? line
                : line + System.lineSeparator() + "In use by another shell, left as they were: " + String.join(", ", cleared.inUse());
    }

    @ShellMethod(key = "cache limit", value = "Show or set the data cache's size limit (e.g. cache limit 20GB): least recently used "
            + "entries are removed to stay within it.", group = "Data")
    public String limit(@ShellOption(defaultValue = ShellOption.NULL, help = "the new limit, e.g. 20GB or 500MB") String size) {
        DataCache cache = loads.cache();
        if (size == null) {
            return "Data cache limit: " + Sizes.text(cache.limitBytes());
        }
        List<String> evicted = cache.limitBytes(Sizes.parse(size));
        StringBuilder out = new StringBuilder("Data cache limit set to " + Sizes.text(cache.limitBytes()));
        evicted.forEach(line -> out.append(System.lineSeparator()).append(line));
        return out.toString();
    }
}
