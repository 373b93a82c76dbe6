package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResourceTagsTest {
    @Test
    void readsCommaSeparatedPairsSortedByKeyWithTheFirstEqualsSignEndingTheKey() {
        ResourceTags tags = ResourceTags.parse(" team=analytics , project=q3=final,empty=");

        assertThat(tags.values()).containsExactly(Map.entry("empty", ""), Map.entry("project", "q3=final"),
                Map.entry("team", "analytics"));
        assertThat(tags.text()).isEqualTo("empty=,project=q3=final,team=analytics");
        assertThat(ResourceTags.parse(null).isEmpty()).isTrue();
        assertThat(ResourceTags.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void refusesWhatAwsRefusesInOneLine() {
        assertThatThrownBy(() -> ResourceTags.parse("team")).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid --tag 'team': expected key=value, e.g. --tag team=analytics,project=q3");
        assertThatThrownBy(() -> ResourceTags.parse("=x")).hasMessage(
                "invalid --tag key '': 1-128 characters, letters, digits, spaces and _ . : / = + - @");
        assertThatThrownBy(() -> ResourceTags.parse("t!eam=x")).hasMessage(
                "invalid --tag key 't!eam': 1-128 characters, letters, digits, spaces and _ . : / = + - @");
        assertThatThrownBy(() -> ResourceTags.parse("k".repeat(129) + "=x")).hasMessageStartingWith("invalid --tag key 'kkk");
        assertThatThrownBy(() -> ResourceTags.parse("team=a;b")).hasMessage(
                "invalid --tag value of 'team': up to 256 characters, letters, digits, spaces and _ . : / = + - @");
        assertThatThrownBy(() -> ResourceTags.parse("team=" + "v".repeat(257))).hasMessageStartingWith("invalid --tag value of 'team'");
        assertThatThrownBy(() -> ResourceTags.parse("AWS:cost=1")).hasMessage(
                "invalid --tag key 'AWS:cost': keys starting with aws: are reserved by AWS");
        assertThatThrownBy(() -> ResourceTags.parse("benchbox:run-id=1")).hasMessage(
                "invalid --tag key 'benchbox:run-id': the shell sets benchbox:run-id itself");
        assertThatThrownBy(() -> ResourceTags.parse("created-by=me")).hasMessage(
                "invalid --tag key 'created-by': the shell sets created-by itself");
        assertThatThrownBy(() -> ResourceTags.parse("team=a,team=b")).hasMessage("--tag team is given twice, as 'a' and 'b'");
        assertThat(ResourceTags.parse("team=a,team=a").values()).containsExactly(Map.entry("team", "a"));
    }

    @Test
    void leavesRoomForTheShellsOwnTagsWithinAwsLimitOfFifty() {
        String fortyFive = IntStream.range(0, 45).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining(","));
        assertThat(ResourceTags.parse(fortyFive).values()).hasSize(45);
        assertThatThrownBy(() -> ResourceTags.parse(fortyFive + ",k45=v")).hasMessage(
                "too many --tag values: 46 given, at most 45 (AWS allows 50 tags on a resource and the shell sets up to 5)");
    }

    @Test
    void anOptionValueIsCheckedBeforeAnyAwsCall() {
        Map<String, String> given = Map.of("s3_staging_dir", "s3://bucket-one/p/", "execution_role_arn", "arn:aws:iam::123456789012:role/r",
                "create_application", "true", "tag", "team=a|b");
        assertThatThrownBy(() -> EmrOptions.resolve(given, Map.of(), false)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid --tag value of 'team': up to 256 characters, letters, digits, spaces and _ . : / = + - @");
        assertThat(EmrOptions.resolve(Map.of("s3_staging_dir", "s3://bucket-one/p/", "execution_role_arn", "arn:aws:iam::123456789012:role/r",
                "create_application", "true", "tag", "team=a"), Map.of(), false).tags().values()).containsExactly(Map.entry("team", "a"));
    }
}
