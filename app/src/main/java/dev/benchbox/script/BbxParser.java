package dev.benchbox.script;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .bbx} scripts: one shell command per line, exactly as typed interactively; {@code #}
 * starts a comment line; a trailing {@code \} continues the command on the next line; {@code ${NAME}}
 * expands from the environment ({@code $${} writes a literal {@code ${}).
 */
public final class BbxParser {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)(})?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;

    /** A parser expanding variables from the process environment. */
    public BbxParser() {
        this(System::getenv);
    }

    public BbxParser(Function<String, String> environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    public List<ScriptLine> parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BenchboxException("cannot read script " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BenchboxException("cannot read script " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new BenchboxException("cannot read script " + file + ": not UTF-8 text");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new BenchboxException("cannot read script " + file + ": it is a directory");
            }
            throw new BenchboxException("cannot read script " + file + ": " + e.getMessage());
        }
    }

    public List<ScriptLine> parse(String content) {
        List<ScriptLine> commands = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        // the line break that ends the last line does not start another (empty) line
        int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (pending == null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                start = i + 1;
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\") && !stripped.endsWith("\\\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            commands.add(expand(start, pending.toString().strip()));
            pending = null;
        }
        if (pending != null) {
            commands.add(new ScriptLine(start, pending.toString().strip(), "the last line ends with '\\' but no line follows"));
        }
        return List.copyOf(commands);
    }

    private ScriptLine expand(int number, String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            if (matcher.group().equals("$${")) {
                matcher.appendReplacement(out, Matcher.quoteReplacement("${"));
                continue;
            }
            String name = matcher.group(1);
            if (matcher.group(2) == null) {
                return new ScriptLine(number, text, "unterminated variable reference '${" + name + "'");
            }
            if (!NAME.matcher(name).matches()) {
                return new ScriptLine(number, text, "invalid variable name '${" + name + "}'");
            }
            String value = environment.apply(name);
            if (value == null) {
                return new ScriptLine(number, text, "undefined variable '" + name + "' (set it in the environment)");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new ScriptLine(number, out.toString(), null);
    }
}
