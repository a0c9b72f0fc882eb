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

EXTRACTORS: dict[str, Callable[[Analysis], list[Mention]]] = {
    "wasf_quantities": extract_quantities,
    "wasf_organizations": extract_organizations,
    "wasf_certifications": extract_certifications,
    "wasf_skills": extract_skills,
    "wasf_education": extract_education,
}
