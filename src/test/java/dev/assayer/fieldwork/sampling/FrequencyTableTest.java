package dev.assayer.fieldwork.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrequencyTableTest {

    @Test
    void defaults() {
        FrequencyTable t = FrequencyTable.defaults();
        assertThat(t.sizeFor(ControlFrequency.ANNUAL).size()).isEqualTo(1);
        assertThat(t.sizeFor(ControlFrequency.QUARTERLY).size()).isEqualTo(2);
        assertThat(t.sizeFor(ControlFrequency.MONTHLY).size()).isEqualTo(2);
        assertThat(t.sizeFor(ControlFrequency.SEMI_MONTHLY).size()).isEqualTo(3);
        assertThat(t.sizeFor(ControlFrequency.WEEKLY).size()).isEqualTo(5);
        assertThat(t.sizeFor(ControlFrequency.DAILY).size()).isEqualTo(25);
        assertThat(t.sizeFor(ControlFrequency.SEVERAL_TIMES_A_DAY).size()).isEqualTo(40);
        assertThat(t.sizeFor(ControlFrequency.AUTOMATED).size()).isEqualTo(1);
        assertThat(t.sizeFor(ControlFrequency.AUTOMATED).note()).contains("IT general controls");
        assertThat(t.sizeFor(ControlFrequency.DAILY).note()).isNull();
    }

    @Test
    void overrideReturnsACopy() {
        FrequencyTable base = FrequencyTable.defaults();
        FrequencyTable firm = base.withOverride(ControlFrequency.WEEKLY, 15);
        assertThat(firm.sizeFor(ControlFrequency.WEEKLY).size()).isEqualTo(15);
        assertThat(base.sizeFor(ControlFrequency.WEEKLY).size()).isEqualTo(5);
        assertThatThrownBy(() -> base.withOverride(ControlFrequency.DAILY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withOverride(ControlFrequency.EVENT_DRIVEN, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventDrivenBySize() {
        FrequencyTable t = FrequencyTable.defaults();
        assertThat(t.sizeForEvents(0).size()).isZero();
        assertThat(t.sizeForEvents(5).size()).isEqualTo(5);
        assertThat(t.sizeForEvents(6).size()).isEqualTo(2);
        assertThat(t.sizeForEvents(12).size()).isEqualTo(2);
        assertThat(t.sizeForEvents(13).size()).isEqualTo(3);
        assertThat(t.sizeForEvents(52).size()).isEqualTo(5);
        assertThat(t.sizeForEvents(53).size()).isEqualTo(25);
        assertThat(t.sizeForEvents(365).size()).isEqualTo(25);
        assertThat(t.sizeForEvents(366).size()).isEqualTo(40);
        // a firm's override flows into event-driven sizing
        assertThat(t.withOverride(ControlFrequency.WEEKLY, 10).sizeForEvents(40).size()).isEqualTo(10);
    }
}
