package nl.iwa.hub.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesWhatAJsonParserReadsBackIncludingEscapesAndEmptyContainers() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "a \"quoted\" \\ path\nnext\tline\u0001");
        value.put("count", 1_000_000L);
        value.put("ratio", 0.4444444);
        value.put("nan", Double.NaN);
        value.put("infinite", Double.POSITIVE_INFINITY);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("empty", Map.of());
        value.put("list", Arrays.asList(1, "two", List.of()));

        JsonNode read = new ObjectMapper().readTree(Json.write(value));

        assertThat(read.get("text").asText()).isEqualTo("a \"quoted\" \\ path\nnext\tline\u0001");
        assertThat(read.get("count").asLong()).isEqualTo(1_000_000L);
        assertThat(read.get("ratio").asDouble()).as("three decimals").isEqualTo(0.444);
        assertThat(read.get("nan").isNull()).isTrue();
        assertThat(read.get("infinite").isNull()).isTrue();
        assertThat(read.get("flag").asBoolean()).isTrue();
        assertThat(read.get("nothing").isNull()).isTrue();
        assertThat(read.get("empty").isEmpty()).isTrue();
        assertThat(read.get("list")).hasSize(3);
        assertThat(read.fieldNames()).toIterable().as("in the map's order")
                .containsExactly("text", "count", "ratio", "nan", "infinite", "flag", "nothing", "empty", "list");
    }

    @Test
    void wholeNumbersInDoublesHaveNoTrailingZerosOrExponent() {
        assertThat(Json.write(List.of(2.0, 1e7, -0.0001))).isEqualTo("[\n  2,\n  10000000,\n  0\n]\n");
    }
}
