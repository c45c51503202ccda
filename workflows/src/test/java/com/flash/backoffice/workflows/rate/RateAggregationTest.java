package com.flash.backoffice.workflows.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.rate.RateAggregation.Quote;
import com.flash.backoffice.workflows.rate.RateAggregation.Rejection;
import com.flash.backoffice.workflows.rate.RateAggregation.Result;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateAggregationTest {

    static final BigDecimal MAX_DEVIATION = new BigDecimal("20");

    static Quote quote(String source, String price) {
        return new Quote(source, new BigDecimal(price));
    }

    @Test
    void several_answers_give_their_median() {
        Result result = RateAggregation.aggregate(
                List.of(quote("kraken", "97012.4"), quote("bitstamp", "97020"), quote("coingecko", "97031")),
                MAX_DEVIATION);

        assertThat(result.rate()).isEqualByComparingTo("97020");
        assertThat(result.source()).isEqualTo("median of kraken,bitstamp,coingecko");
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void two_answers_give_their_mean_to_eight_decimals() {
        Result result = RateAggregation.aggregate(
                List.of(quote("kraken", "97012.4"), quote("bitstamp", "97020.00000001")), MAX_DEVIATION);

        assertThat(result.rate()).isEqualByComparingTo("97016.20000001");
        assertThat(result.source()).isEqualTo("median of kraken,bitstamp");
    }

    @Test
    void a_single_answer_is_the_rate_and_names_its_source() {
        Result result = RateAggregation.aggregate(List.of(quote("coingecko", "97031")), MAX_DEVIATION);

        assertThat(result.rate()).isEqualByComparingTo("97031");
        assertThat(result.source()).isEqualTo("coingecko");
    }

    @Test
    void a_price_far_from_the_median_is_rejected() {
        Result result = RateAggregation.aggregate(
                List.of(quote("kraken", "970124000"), quote("bitstamp", "97020"), quote("coingecko", "97031")),
                MAX_DEVIATION);

        assertThat(result.rate()).isEqualByComparingTo("97025.5");
        assertThat(result.source()).isEqualTo("median of bitstamp,coingecko");
        assertThat(result.rejected()).extracting(Rejection::source).containsExactly("kraken");
        assertThat(result.rejected().getFirst().reason())
                .startsWith("absurd price 970124000: ")
                .endsWith("% from the median of the sources (97031)");
    }

    @Test
    void zero_negative_and_out_of_bounds_prices_are_rejected_whatever_the_others_say() {
        Result result = RateAggregation.aggregate(
                List.of(quote("kraken", "0"), quote("bitstamp", "-5"), quote("coingecko", "1e17")), MAX_DEVIATION);

        assertThat(result.rate()).isNull();
        assertThat(result.rejected())
                .extracting(Rejection::reason)
                .containsExactly("absurd price 0", "absurd price -5", "absurd price 100000000000000000");
    }

    @Test
    void when_two_answers_disagree_the_primary_is_trusted_and_the_fallback_rejected() {
        Result result =
                RateAggregation.aggregate(List.of(quote("bitstamp", "97020"), quote("kraken", "9702")), MAX_DEVIATION);

        assertThat(result.rate()).isEqualByComparingTo("97020");
        assertThat(result.source()).isEqualTo("bitstamp");
        assertThat(result.rejected().getFirst().reason()).isEqualTo("absurd price 9702: 90 % from bitstamp (97020)");
    }

    @Test
    void a_deviation_within_the_limit_is_accepted() {
        Result result = RateAggregation.aggregate(
                List.of(quote("kraken", "100"), quote("bitstamp", "120"), quote("coingecko", "110")), MAX_DEVIATION);

        assertThat(result.accepted()).hasSize(3);
        assertThat(result.rate()).isEqualByComparingTo("110");
    }

    @Test
    void no_answer_is_no_rate() {
        Result result = RateAggregation.aggregate(List.of(), MAX_DEVIATION);

        assertThat(result.rate()).isNull();
        assertThat(result.accepted()).isEmpty();
    }

    @Test
    void deviation_is_in_percent_of_the_reference() {
        assertThat(RateAggregation.deviationPercent(new BigDecimal("105"), new BigDecimal("100")))
                .isEqualByComparingTo("5.00");
        assertThat(RateAggregation.deviationPercent(new BigDecimal("90"), new BigDecimal("120")))
                .isEqualByComparingTo("25.00");
    }
}
