"""A chart whose every value is hidden (`<5`, `*`) gives way to a sentence (issue 21.13): no
legend without bars. A chart with one number left is still drawn."""

from reports.charts import Style, bar_chart, stacked_chart

STYLE = Style()


def test_a_bar_chart_of_hidden_values_is_a_sentence():
    shown = bar_chart([("Female", "<5"), ("Male", "*")], title="Victims by sex", full=10, style=STYLE)
    assert "<svg" not in shown
    assert "Victims by sex: every figure is too small to be shown" in shown


def test_a_stacked_chart_of_hidden_values_is_a_sentence_zeros_aside():
    rows = [("Female", ["<5", 0, "*"]), ("Male", [0, "<5", 0])]
    shown = stacked_chart(
        rows, series=["Minors", "Adults", "Age unknown"], title="By sex", full=10, style=STYLE
    )
    assert "<svg" not in shown and "<rect" not in shown and "By sex:" in shown


def test_one_number_left_is_still_drawn():
    shown = bar_chart([("Female", "<5"), ("Male", 7)], title="Victims by sex", full=10, style=STYLE)
    assert shown.startswith("<svg") and "<rect" in shown
    rows = [("Female", ["<5", 6, 0])]
    assert "<rect" in stacked_chart(rows, series=["a", "b", "c"], title="t", full=10, style=STYLE)


def test_the_title_is_escaped():
    shown = bar_chart([("x", "<5")], title="<script>x</script>", full=5, style=STYLE)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
