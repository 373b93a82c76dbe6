package dev.benchbox.shell;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Environment variables a test sets, instead of the machine's (which may hold EMR_* or AWS_* values). */
@TestConfiguration(proxyBeanMethods = false)
public class TestEnvironment {
    public static final Map<String, String> VARIABLES = new ConcurrentHashMap<>();

    @Bean
    @Primary
    EnvironmentVariables testEnvironmentVariables() {
        return new EnvironmentVariables() {
            @Override
            public Map<String, String> all() {
                return Map.copyOf(VARIABLES);
            }
        };
    }
}
