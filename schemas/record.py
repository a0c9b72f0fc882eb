"""The one record model of wasf (schema_version "1").

Every span carries `start`/`end` code-point offsets into the input text exactly as the library received
it, so that `input[start:end] == text`. Validators here check what can be checked inside a record; the
offsets invariant needs the input and is checked by `JobRecord.check_offsets`.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal["1"] = "1"


class Category(StrEnum):
    """Section categories of RECORD.md."""

    summary = "summary"
    responsibilities = "responsibilities"
    qualifications = "qualifications"
    skills = "skills"
    knowledge = "knowledge"
    experience = "experience"
    education = "education"
    compensation = "compensation"
    outlook = "outlook"
    benefits = "benefits"
    work_conditions = "work_conditions"
    application = "application"
    company = "company"
    other = "other"


class NoiseKind(StrEnum):
    """What kind of scrape junk a noise span is."""

    boilerplate = "boilerplate"
    placeholder = "placeholder"
    toc = "toc"
    byline = "byline"
    advert = "advert"
    navigation = "navigation"
    image_credit = "image_credit"
    repeated_title = "repeated_title"


class Period(StrEnum):
    year = "year"
    month = "month"
    week = "week"
    day = "day"
    hour = "hour"


class Statistic(StrEnum):
    mean = "mean"
    median = "median"
    percentile = "percentile"
    min = "min"
    max = "max"


class Role(StrEnum):
    certifying_body = "certifying_body"
    data_source = "data_source"
    employer = "employer"
    government = "government"
    education = "education"
    other = "other"


class EducationLevel(StrEnum):
    secondary = "secondary"
    diploma = "diploma"
    bachelor = "bachelor"
    master = "master"
    doctorate = "doctorate"
    other = "other"


class CountUnit(StrEnum):
    people = "people"
    jobs = "jobs"
    years_experience = "years_experience"


Number = int | float
Offset = Annotated[int, Field(ge=0)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Span(_Model):
    """A piece of the input: `input[start:end] == text`."""

    text: str
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} < start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(f"span [{self.start}, {self.end}) does not have the length of its text")
        return self


class Noise(Span):
    """Scrape junk, reported and excluded from sections' content and from extraction."""

    kind: NoiseKind


class Section(_Model):
    """A typed part of the document. Index 0 is the text before the first heading (heading null)."""

    index: Annotated[int, Field(ge=0)]
    heading: Span | None
    category: Category
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _ordered(self) -> Section:
        if self.end < self.start:
            raise ValueError(f"section end {self.end} < start {self.start}")
        return self


class _EntityBase(Span):
    section: int | None = Field(description="index of the section containing the entity, or null")


class Salary(_EntityBase):
    """Pay: a single amount, or a range with amount null and min/max set."""

    type: Literal["salary"] = "salary"
    amount: Number | None
    min: Number | None
    max: Number | None
    currency: Currency | None
    period: Period | None
    statistic: Statistic | None
    percentile: Annotated[int, Field(ge=1, le=99)] | None
    year: int | None

    @model_validator(mode="after")
    def _amount_or_range(self) -> Salary:
        if self.amount is None and self.min is None and self.max is None:
            raise ValueError("a salary needs an amount or a min/max range")
        if self.amount is not None and (self.min is not None or self.max is not None):
            raise ValueError("a range has amount null")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("salary min > max")
        if (self.percentile is not None) != (self.statistic == Statistic.percentile):
            raise ValueError("percentile is set exactly when statistic is percentile")
        return self


class Percentage(_EntityBase):
    """A share ("16 في المائة") or, with percentile true, a percentile rank ("75th المئوية")."""

    type: Literal["percentage"] = "percentage"
    value: Number
    percentile: bool


class Count(_EntityBase):
    """People employed, vacancies, or years of experience."""

    type: Literal["count"] = "count"
    value: Number
    unit: CountUnit
    max: Number | None = Field(default=None, description='upper bound of a range: "خبرة من 2 إلى 5 سنوات"')


class Organization(_EntityBase):
    """A named body; `name` is canonical (shared by a full name and its acronym)."""

    type: Literal["organization"] = "organization"
    name: str
    role: Role
    acronym: str | None = None
    name_en: str | None = None


class Certification(_EntityBase):
    """A named credential, with the body that issues it where the text names it."""

    type: Literal["certification"] = "certification"
    name: str
    issuer: str | None = None


class Skill(_EntityBase):
    """A skill; `name` is canonical English where the lexicon knows it, else the Arabic text."""

    type: Literal["skill"] = "skill"
    name: str


class Education(_EntityBase):
    """A degree requirement."""

    type: Literal["education"] = "education"
    level: EducationLevel
    field: str | None = None


class OccupationMatch(StrEnum):
    """How an occupation was coded: a curated job-ad variant, ESCO's preferred or alternative Arabic label,
    the label sharing most words with a title no label matches whole, the first two words of ESCO labels,
    or the head noun alone (these two fallbacks code the unit group only)."""

    variant = "variant"
    exact = "exact"
    alt_label = "alt_label"
    label_words = "label_words"
    label_prefix = "label_prefix"
    head_noun = "head_noun"


Isco08 = Annotated[str, Field(pattern=r"^\d{4}$", description="ISCO-08 unit group (4 digits)")]


class OccupationCode(_Model):
    """An ISCO-08 unit group and, where one fits, its ESCO occupation (labels as ESCO publishes them)."""

    isco08: Isco08
    esco_uri: str | None = Field(default=None, description="ESCO occupation URI; null: the unit group alone")
    label_ar: str | None = Field(
        default=None, description="ESCO Arabic preferred label (null without an ESCO occupation)"
    )
    label_en: str | None = Field(
        default=None, description="ESCO English preferred label, null where the shipped data lacks it"
    )


class Occupation(Span, OccupationCode):
    """An occupation the document is about: its first telling mention, coded (extension of RECORD.md)."""

    match: OccupationMatch
    confidence: Annotated[float, Field(ge=0, le=1)]
    candidates: list[OccupationCode] = Field(
        default_factory=list, description="other codes the mention may mean (an ambiguous title)"
    )


Entity = Annotated[
    Salary | Percentage | Count | Organization | Certification | Skill | Education,
    Field(discriminator="type"),
]


class JobRecord(_Model):
    """One document's structured description."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    doc_id: str
    source: str | None
    title: str | None
    title_span: Span | None = None
    occupation: str | None = None
    sections: list[Section]
    noise: list[Noise]
    entities: list[Entity]
    warnings: list[str]
    occupations: list[Occupation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> JobRecord:
        starts = [e.start for e in self.entities]
        if starts != sorted(starts):
            raise ValueError("entities must be sorted by start")
        indexes = [s.index for s in self.sections]
        if len(set(indexes)) != len(indexes):
            raise ValueError("section indexes must be unique")
        known = set(indexes)
        for e in self.entities:
            if e.section is not None and e.section not in known:
                raise ValueError(f"entity {e.text!r} refers to missing section {e.section}")
        return self

    def spans(self) -> list[Span]:
        """Every span of the record: title, headings, noise, entities and occupations."""
        out: list[Span] = [self.title_span] if self.title_span else []
        out += [s.heading for s in self.sections if s.heading is not None]
        out += self.noise
        out += self.entities
        out += self.occupations
        return out

    def check_offsets(self, text: str) -> None:
        """Raise ValueError unless `text[start:end] == span.text` for every span of the record."""
        for span in self.spans():
            if text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.text!r} [{span.start}, {span.end}) does not match the input")
        for sec in self.sections:
            if sec.end > len(text):
                raise ValueError(f"section {sec.index} ends past the input")


class ErrorDetail(_Model):
    kind: str
    message: str


class ErrorRow(_Model):
    """What the CLI writes for an input it could not turn into a record."""

    doc_id: str
    source: str | None
    error: ErrorDetail


def json_schema() -> dict[str, Any]:
    """The JSON Schema of JobRecord, as committed in schemas/job_record.schema.json."""
    schema = JobRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/wasf/wasf/schemas/job_record.schema.json"
    return schema


def json_schema_text() -> str:
    """The committed file's exact text."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
