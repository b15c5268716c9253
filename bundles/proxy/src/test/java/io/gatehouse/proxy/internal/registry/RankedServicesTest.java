package io.gatehouse.proxy.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class RankedServicesTest {

    @Test
    void highestRankingWinsThenLowestServiceIdWhateverTheBindOrder() {
        List<Object[]> registrations = new ArrayList<>(List.of(
                new Object[] {"low", 1L, 0}, new Object[] {"high", 2L, 10}, new Object[] {"highLater", 3L, 10},
                new Object[] {"negative", 4L, -5}));
        Random random = new Random(7);
        for (int round = 0; round < 100; round++) {
            Collections.shuffle(registrations, random);
            RankedServices<String> services = RankedServices.empty();
            for (Object[] r : registrations) {
                services = services.with((String) r[0], Map.of(Constants.SERVICE_ID, r[1],
                        Constants.SERVICE_RANKING, r[2], "gatehouse.service", "dynamodb"));
            }
            assertThat(services.best(RankedServices.property("gatehouse.service", "dynamodb"))).contains("high");
            assertThat(services.entries()).extracting(RankedServices.Entry::service)
                    .containsExactly("high", "highLater", "low", "negative");
        }
    }

    @Test
    void removalIsByIdentityAndLeavesOthers() {
        String a = new String("same");
        String b = new String("same");
        RankedServices<String> services = RankedServices.<String>empty()
                .with(a, Map.of(Constants.SERVICE_ID, 1L)).with(b, Map.of(Constants.SERVICE_ID, 2L));

        RankedServices<String> after = services.without(a);

        assertThat(after.entries()).hasSize(1);
        assertThat(after.entries().get(0).service()).isSameAs(b);
        assertThat(services.entries()).hasSize(2);
    }

    @Test
    void filtersByProperty() {
        RankedServices<String> services = RankedServices.<String>empty()
                .with("dynamo", Map.of(Constants.SERVICE_ID, 1L, "gatehouse.service", "dynamodb"));

        assertThat(services.best(RankedServices.property("gatehouse.service", "s3"))).isEmpty();
    }
}
