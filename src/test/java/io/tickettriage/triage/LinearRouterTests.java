package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearRouterTests {

    private static final LinearRouter.Settings SETTINGS = new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 2);

    @Test
    void learnsTeamsFromWordsAndGivesProbabilitiesThatSumToOne() {
        LinearRouter router = LinearRouter.train(history(), SETTINGS, message -> { });

        double[] p = router.probabilities("the printer on floor two is jammed again", null);

        assertThat(router.labels().get(LinearRouter.argmax(p))).isEqualTo("Hardware");
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(router.labels().get(LinearRouter.argmax(router.probabilities("vpn tunnel drops wifi", null))))
                .isEqualTo("Network");
    }

    @Test
    void usesTheVectorsOfTextsInTheLanguagesTheEmbeddingModelReadsOnly() {
        Random random = new Random(3);
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (LinearRouter.Sample sample : history()) {
            samples.add(new LinearRouter.Sample(sample.text(), vector(random), sample.label()));
        }
        LinearRouter router = LinearRouter.train(samples, SETTINGS.readingOnly(java.util.Set.of("en")), message -> { });
        String german = "Der Drucker im zweiten Stock hat wieder einen Papierstau und druckt nicht mehr";
        String english = "the printer on the second floor is jammed again and it does not print";

        assertThat(router.probabilities(german, vector(random))).containsExactly(router.probabilities(german, null));
        assertThat(router.probabilities(english, vector(random))).isNotEqualTo(router.probabilities(english, null));
    }

    private static float[] vector(Random random) {
        float[] vector = new float[8];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    @Test
    void aLabelWithTooFewExamplesIsNeverRoutedAutomatically() {
        List<LinearRouter.Sample> samples = new ArrayList<>(history());
        for (int i = 0; i < 3; i++) {
            samples.add(new LinearRouter.Sample("payslip overtime missing salary " + i, null, "HR"));
        }

        LinearRouter router = LinearRouter.train(samples, SETTINGS, message -> { });

        assertThat(router.threshold(router.labels().indexOf("HR"))).isEqualTo(Thresholds.NEVER);
        assertThat(router.threshold(router.labels().indexOf("Hardware"))).isLessThanOrEqualTo(1.0);
    }

    @Test
    void separableHistoryIsRightOnHeldOutFoldsAndConfidentWhereItIsRight() {
        LinearRouter router = LinearRouter.train(history(), SETTINGS, message -> { });

        assertThat(router.crossValidation().accuracy()).isGreaterThan(0.9);
        double[] p = router.probabilities("keyboard and monitor broken", null);
        assertThat(p[LinearRouter.argmax(p)]).isGreaterThan(0.5);
    }

    @Test
    void foldsKeepEveryLabelSpreadAcrossThem() {
        int[] truth = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2};
        int[] fold = RouterTraining.stratifiedFolds(truth, 3, 5);

        for (int label = 0; label < 2; label++) {
            int l = label;
            long distinctFolds = java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i] == l)
                    .map(i -> fold[i]).distinct().count();
            assertThat(distinctFolds).isEqualTo(5);
        }
    }

    @Test
    void embeddingFeaturesAloneCanSeparateTeams() {
        List<LinearRouter.Sample> samples = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            boolean a = i % 2 == 0;
            float[] v = {a ? 1 : 0, a ? 0 : 1, (float) random.nextGaussian() * 0.1f};
            samples.add(new LinearRouter.Sample("same words", v, a ? "A" : "B"));
        }

        LinearRouter router = LinearRouter.train(samples, SETTINGS, message -> { });

        assertThat(router.usesEmbeddings()).isTrue();
        double[] p = router.probabilities("same words", new float[] {0, 1, 0});
        assertThat(router.labels().get(LinearRouter.argmax(p))).isEqualTo("B");
    }

    @Test
    void trainingBlendsInTheVoteWhereTheNearestExamplesKnowBetterThanALinearBoundary() {
        List<LinearRouter.Sample> samples = xorHistory();

        LinearRouter router = LinearRouter.train(samples, SETTINGS, message -> { });
        LinearRouter withoutVote = LinearRouter.train(samples, SETTINGS.withVote(0), message -> { });

        // Team A sits at both ends of the first axis, team B of the second: no linear boundary parts them.
        assertThat(router.vote()).isNotNull();
        assertThat(withoutVote.vote()).isNull();
        assertThat(router.crossValidation().accuracy()).isGreaterThan(withoutVote.crossValidation().accuracy());
        float[] ticket = {-0.95f, 0.05f, 0};
        List<float[]> vectors = samples.stream().map(LinearRouter.Sample::vector).toList();
        int[] labels = samples.stream().mapToInt(s -> router.labelIndex(s.label())).toArray();
        List<NeighbourVote.Neighbour> nearest = NeighbourVote.nearest(ticket, vectors, labels, 7, j -> true);
        double[] p = router.probabilities("same words", ticket, nearest);
        assertThat(router.labels().get(LinearRouter.argmax(p))).isEqualTo("A");
        assertThat(p[router.labelIndex("A")]).isGreaterThan(0.9);
        assertThat(router.probabilities("same words", ticket, List.of()))
                .as("without neighbours, the linear model alone").isEqualTo(router.probabilities("same words", ticket));
        // a text the model scores without its vector is never blended
        LinearRouter englishOnly = LinearRouter.train(samples, SETTINGS.readingOnly(java.util.Set.of("en")),
                message -> { });
        String german = "Der Drucker im zweiten Stock druckt seit heute morgen nicht mehr";
        assertThat(englishOnly.probabilities(german, ticket, nearest))
                .isEqualTo(englishOnly.probabilities(german, ticket));
    }

    static List<LinearRouter.Sample> xorHistory() {
        Random random = new Random(9);
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            float sign = i % 4 < 2 ? 1 : -1;
            boolean a = i % 2 == 0;
            float noise = (float) random.nextGaussian() * 0.05f;
            float[] v = a ? new float[] {sign, noise, 0.1f} : new float[] {noise, sign, 0.1f};
            samples.add(new LinearRouter.Sample("same words", v, a ? "A" : "B"));
        }
        return samples;
    }

    @Test
    void classWeightsGiveASmallTeamMoreSayOnTicketsLikeItsOwn() {
        // 200 Software tickets mention licences in passing; 6 Licensing tickets are about licence audits.
        List<LinearRouter.Sample> samples = new ArrayList<>();
        Random random = new Random(5);
        String[] software = {"excel", "crash", "install", "outlook", "plugin", "error", "update", "licence", "audit"};
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder("please help licence");
            for (int w = 0; w < 4; w++) {
                text.append(' ').append(software[random.nextInt(software.length)]);
            }
            samples.add(new LinearRouter.Sample(text.toString(), null, "Software"));
        }
        for (int i = 0; i < 6; i++) {
            samples.add(new LinearRouter.Sample("licence audit compliance seats count " + i, null, "Licensing"));
        }
        String ticket = "licence audit for the excel seats";

        LinearRouter unweighted = LinearRouter.train(samples, SETTINGS.withClassWeightPower(0), message -> { });
        LinearRouter weighted = LinearRouter.train(samples, SETTINGS.withClassWeightPower(1), message -> { });

        double before = unweighted.probabilities(ticket, null)[unweighted.labels().indexOf("Licensing")];
        double after = weighted.probabilities(ticket, null)[weighted.labels().indexOf("Licensing")];
        assertThat(after).isGreaterThan(before);
        assertThat(SETTINGS.classWeightPower()).isEqualTo(LinearRouter.Settings.CLASS_WEIGHT_POWER);
    }

    static List<LinearRouter.Sample> history() {
        String[][] vocab = {
            {"Hardware", "printer", "laptop", "keyboard", "monitor", "jammed", "broken", "screen", "battery"},
            {"Network", "vpn", "wifi", "router", "tunnel", "drops", "latency", "dns", "switch"},
            {"Software", "excel", "crash", "install", "license", "update", "outlook", "plugin", "error"}};
        Random random = new Random(11);
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (String[] team : vocab) {
            for (int i = 0; i < 30; i++) {
                StringBuilder text = new StringBuilder("please help");
                for (int w = 0; w < 4; w++) {
                    text.append(' ').append(team[1 + random.nextInt(team.length - 1)]);
                }
                samples.add(new LinearRouter.Sample(text.toString(), null, team[0]));
            }
        }
        return samples;
    }
}
