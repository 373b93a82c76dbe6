package dev.benchbox;

import dev.benchbox.shell.ExitStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Entry point of the BenchBox shell. */
@SpringBootApplication
public class BenchboxApplication {
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BenchboxApplication.class);
        // our own options (--debug, --script) are not Spring properties
        application.setAddCommandLineProperties(false);
        ConfigurableApplicationContext context = application.run(args);
        int status = context.getBean(ExitStatus.class).code();
        System.exit(SpringApplication.exit(context, () -> status));
    }
}
