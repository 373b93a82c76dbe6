package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One option a platform takes on {@code connect}, as {@code --platform-option key=value} and as a flag of its own
 * ({@code --key-with-dashes}): the shell builds its flags from these, so a platform adds an option in one place.
 *
 * @param key                 e.g. {@code s3_staging_dir}
 * @param description         one line for {@code help connect}
 * @param defaultValue        what applies when it is not given, or null
 * @param environmentVariable the variable that fills it when it is not given, or null
 * @param isSwitch            a yes/no option: the flag alone means true
 */
public record PlatformOption(String key, String description, String defaultValue, String environmentVariable,
                             boolean isSwitch) {
    public PlatformOption {
        requireNonNull(key, "key is null");
        requireNonNull(description, "description is null");
    }

    /** The flag's name without its dashes: {@code s3-staging-dir}. */
    public String flagName() {
        return key.replace('_', '-');
    }

    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultValue);
    }

    public Optional<String> environmentText() {
        return Optional.ofNullable(environmentVariable);
    }
}
