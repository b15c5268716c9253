package io.gatehouse.proxy.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.proxy.internal.forward.QueryString.Parameter;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void keepsOrderRepeatsAndValuelessParameters() {
        assertThat(QueryString.parse("b=2&a=1&a=0&flag&empty="))
                .containsExactly(new Parameter("b", "2"), new Parameter("a", "1"), new Parameter("a", "0"),
                        new Parameter("flag", null), new Parameter("empty", ""));
    }

    @Test
    void decodesPercentEscapesAsUtf8ButKeepsPlusSigns() {
        assertThat(QueryString.parse("k%2Fey=caf%C3%A9+x%20y&%E1%88%B4=%F0%9F%98%80"))
                .containsExactly(new Parameter("k/ey", "café+x y"), new Parameter("ሴ", "😀"));
    }

    @Test
    void keepsUnescapedUnicodeIntact() {
        assertThat(QueryString.decode("😀é")).isEqualTo("😀é");
    }

    @Test
    void refusesMalformedEscapes() {
        assertThatThrownBy(() -> QueryString.parse("a=%G1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryString.parse("a=%4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyQueryHasNoParameters() {
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("&&")).isEmpty();
    }
}
