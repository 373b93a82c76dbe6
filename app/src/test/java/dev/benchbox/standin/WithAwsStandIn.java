package dev.benchbox.standin;

import dev.benchbox.IntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that uses the AWS stand-in: an integration test whose methods (and {@code @BeforeEach} methods)
 * take an {@link AwsStandIn} parameter, the one stand-in of this JVM reset before every test
 * ({@link AwsStandInExtension}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@IntegrationTest
@ExtendWith(AwsStandInExtension.class)
public @interface WithAwsStandIn {
}
