package dev.benchbox.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/**
 * TAB completion of local paths: the entries of the folder typed so far whose names start with what follows its last
 * {@code /}. A folder is proposed with its {@code /} and without the space after it, so the next TAB goes on into it.
 * Only the one folder is listed (never a walk of the tree), and a folder that cannot be read proposes nothing.
 */
public final class PathCompletion {
    private static final int MOST = 200;

    private PathCompletion() {
    }

    static List<CompletionProposal> complete(CompletionContext context, Predicate<String> fileNames, boolean files) {
        String typed = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        int slash = typed.lastIndexOf('/');
        String folderText = slash < 0 ? "" : typed.substring(0, slash + 1);
        String start = typed.substring(slash + 1);
        Path folder = Path.of(folderText.isEmpty() ? "." : expandHome(folderText));
        List<CompletionProposal> proposals = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(start) || (name.startsWith(".") && !start.startsWith("."))) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    proposals.add(new CompletionProposal(folderText + name + "/").complete(false).category("folders"));
                } else if (files && fileNames.test(name)) {
                    proposals.add(new CompletionProposal(folderText + name).category("files"));
                }
                if (proposals.size() >= MOST) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder that does not exist (yet) or cannot be read: nothing to propose
            return List.of();
        }
        proposals.sort(java.util.Comparator.comparing(CompletionProposal::value));
        return proposals;
    }

    private static String expandHome(String folder) {
        return folder.startsWith("~/") ? System.getProperty("user.home") + folder.substring(1) : folder;
    }

    /** {@code --output FILE}, {@code --path FILE}: any file. */
    @Component
    public static class AnyFile implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return PathCompletion.complete(context, name -> true, true);
        }
    }

    /** {@code --dry-run DIR}, {@code --source DIR}: folders only. */
    @Component
    public static class Folder implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return PathCompletion.complete(context, name -> false, false);
        }
    }

    /** {@code compare}, {@code report}: results files ({@code .json}). */
    @Component
    public static class ResultsFile implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return PathCompletion.complete(context, name -> name.endsWith(".json"), true);
        }
    }

    /** {@code script}: {@code .bbx} files. */
    @Component
    public static class ScriptFile implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return PathCompletion.complete(context, name -> name.endsWith(".bbx"), true);
        }
    }
}
