"""The import format as spec/data-dictionary.md ("Import format") lists it, taken from the models."""

from records.formats import FORMATS

# file: columns, in order, with the required ones (bold in the data dictionary) marked by "*".
SPEC = {
    "victims.csv": "*reference given_name family_name *sex date_of_birth age_estimate nationality "
    "*registered_on *identification_status identification_date identified_by exploitation_forms district",
    "services.csv": "*victim_reference *service_type provider *start_date end_date",
    "repatriations.csv": "*victim_reference *destination_country *status return_date assisted_by",
    "cases.csv": "*reference *reported_on *source district *status investigation_opened_on "
    "exploitation_forms victim_references",
    "suspects.csv": "*reference *case_reference given_name family_name *sex nationality date_of_birth",
    "prosecutions.csv": "*reference *case_reference *court *filed_on",
    "charges.csv": "*prosecution_reference *suspect_reference *offence exploitation_form *outcome "
    "verdict_date sentence_months",
    "prevention.csv": "*reference *date *kind *direct *title audience participants organiser",
}


# The application's own optional columns, after the spec's (docs/import-format.md).
OWN = {
    "victims.csv": "exploitation_country exploitation_district labour_industry sex_exploitation_types "
    "control_methods recruitment_methods recruiter_relationship recruitment_country transit_country",
}


def test_each_file_has_the_columns_of_the_data_dictionary_then_its_own_optional_ones():
    assert {
        fmt.name: " ".join(("*" if c.required else "") + c.name for c in fmt.columns) for fmt in FORMATS
    } == {name: " ".join([columns, *([OWN[name]] if name in OWN else [])]) for name, columns in SPEC.items()}


def test_each_link_names_the_file_it_points_to():
    links = {
        (fmt.name, c.name): c.target for fmt in FORMATS for c in fmt.columns if c.kind in ("link", "links")
    }
    assert links == {
        ("services.csv", "victim_reference"): "victims.csv",
        ("repatriations.csv", "victim_reference"): "victims.csv",
        ("cases.csv", "victim_references"): "victims.csv",
        ("suspects.csv", "case_reference"): "cases.csv",
        ("prosecutions.csv", "case_reference"): "cases.csv",
        ("charges.csv", "prosecution_reference"): "prosecutions.csv",
        ("charges.csv", "suspect_reference"): "suspects.csv",
    }
