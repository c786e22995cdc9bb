"""Choices shared by the physician listings and the search form."""

from django.db import models

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]  # fmt: skip


class Specialty(models.TextChoices):
    PAIN_MEDICINE = "pain-medicine", "Pain medicine"
    NEUROLOGY = "neurology", "Neurology"
    PHYSICAL_MEDICINE = "physical-medicine-rehabilitation", "Physical medicine and rehabilitation"
    NEUROSURGERY = "neurosurgery", "Neurosurgery"
    SPINE_SURGERY = "orthopaedic-spine-surgery", "Orthopedic spine surgery"
    ANESTHESIOLOGY = "anesthesiology", "Anesthesiology"
    RHEUMATOLOGY = "rheumatology", "Rheumatology"


class Source(models.TextChoices):
    EDITOR = "editor", "Added by an editor"
    REGISTRY = "nppes", "National provider registry (NPPES)"


# Search radii in miles; the first-listed default is what a bare ZIP search uses.
RADIUS_MILES = [10, 25, 50, 100]
DEFAULT_RADIUS = 25
