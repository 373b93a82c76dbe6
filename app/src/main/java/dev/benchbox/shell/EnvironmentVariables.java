package dev.benchbox.shell;

import java.util.Map;
import org.springframework.stereotype.Component;

/** The process's environment variables, behind a bean so tests can give their own. */
@Component
public class EnvironmentVariables {
    public Map<String, String> all() {
        return System.getenv();
    }
}
