package io.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PromptTests {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void describesATeamFromSettingsFirstThenBuiltInThenItsExampleTitles() {
        LlmQuestion question = new LlmQuestion("Chair broken", "", List.of(
                new LlmQuestion.Team("Facilities Team", List.of("Desk lamp broken")),
                new LlmQuestion.Team("HR Team", List.of("Payslip wrong")),
                new LlmQuestion.Team("Legal Team", List.of("NDA review for jane@corp.example", "Contract \"X\"")),
                new LlmQuestion.Team("Empty Team", List.of())), List.of());
        Prompt prompt = new Prompt(Map.of("Facilities Team", "desks, chairs, lights and building access"), true, json);

        String system = prompt.messages(question, "abc12345").system();

        assertThat(system).contains("- Facilities Team: desks, chairs, lights and building access\n")
                .contains("- HR Team: people matters for Human Resources")
                .contains("- Legal Team: tickets such as \"NDA review for [email]\", \"Contract \\\"X\\\"\"\n")
                .contains("- Empty Team: no description");
    }

    @Test
    void capsLongTextAndLeavesOutTheExamplesBlockWhenThereAreNone() {
        LlmQuestion question = new LlmQuestion("Slow", "x".repeat(10_000), List.of(), List.of());

        String user = new Prompt(Map.of(), false, json).messages(question, "abc12345").user();

        assertThat(user).doesNotContain("EXAMPLES").contains("x".repeat(4_000) + "…\"}").hasSizeLessThan(4_300);
    }
}
