"""Entity extractors: pure functions Analysis -> list[Mention], one module each, run in this order
(certifications read the organizations found before them)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.document import Analysis, Mention
from pipeline.extractors.certifications import extract_certifications
from pipeline.extractors.education import extract_education
from pipeline.extractors.organizations import extract_organizations
from pipeline.extractors.quantities import extract_quantities
from pipeline.extractors.skills import extract_skills

#: component name -> (extractor, the stage that must have run before it)
EXTRACTORS: dict[str, tuple[Callable[[Analysis], list[Mention]], str]] = {
    "wasf_quantities": (extract_quantities, "wasf_segment"),
    "wasf_organizations": (extract_organizations, "wasf_segment"),
    "wasf_certifications": (extract_certifications, "wasf_organizations"),  # issuers are organizations
    "wasf_skills": (extract_skills, "wasf_segment"),
    "wasf_education": (extract_education, "wasf_segment"),
}
