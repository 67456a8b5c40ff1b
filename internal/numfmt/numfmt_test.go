package numfmt

import "testing"

func TestAmount(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", 999: "999", 1000: "1,000", 180000: "180,000", 1234567.891: "1,234,567.89", -45000: "-45,000", 12.5: "12.5",
	} {
		if got := Amount(in); got != want {
			t.Errorf("Amount(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestMoneyBandPercent(t *testing.T) {
	if got := Money(180000, "USD"); got != "USD 180,000" {
		t.Errorf("Money = %q", got)
	}
	if got := Money(5, ""); got != "5" {
		t.Errorf("Money without currency = %q", got)
	}
	if got := Band(180000, 240000, "EUR"); got != "EUR 180,000–240,000" {
		t.Errorf("Band = %q", got)
	}
	for in, want := range map[float64]string{0.125: "+12.5%", -0.1: "-10%", 0: "0%", 0.00004: "0%", 1: "+100%", -0.0333: "-3.3%"} {
		if got := Percent(in); got != want {
			t.Errorf("Percent(%v) = %q, want %q", in, got, want)
		}
	}
}
