package dev.benchbox;

import dev.benchbox.shell.ExitStatus;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Entry point of the BenchBox shell. */
@SpringBootApplication
public class BenchboxApplication {
    public static void main(String[] args) {
        if (LauncherUsage.requested(args)) {
            LauncherUsage.print(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
            return;
        }
        SpringApplication application = new SpringApplication(BenchboxApplication.class);
        // our own options (--debug, --script) are not Spring properties
        application.setAddCommandLineProperties(false);
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (SpringApplication.AbandonedRunException e) {
            // Spring AOT processing at build time (process-aot) stops the run this way once it has the bean definitions
            throw e;
        } catch (RuntimeException e) {
            // details are in the log file; the user gets one line
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("benchbox: cannot start: " + root.getMessage());
            System.exit(2);
            return;
        }
        int status = context.getBean(ExitStatus.class).code();
        System.exit(SpringApplication.exit(context, () -> status));
    }
}
