package dev.benchbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class of the integration tier: it needs the AWS stand-in, a Spark child JVM, a Spring context per
 * method or many seconds of real work. {@code ./mvnw test} (Surefire) leaves it out so that the unit tier stays
 * fast; {@code ./mvnw verify} runs it through Failsafe, whatever the class is named.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {
    /** The JUnit tag that the Surefire and Failsafe configurations in the pom select by. */
    String TAG = "integration";
}
