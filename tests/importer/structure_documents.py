"""Short invented documents in both publishers' shapes, one per structure case of issue 17
(lead-ins, cut-off endings, slideshow alt text, Spine-health without its usual markers, bullet
labels, "See" bullets inside lists, guessed titles, callout boxes, citation numbers). Not
copies of real pages; every medical statement is plain and general."""

MERCK_STRUCTURE = """Merck Manual

Carpal Tunnel Syndrome

By

Rosa T. Lindqvist

, MD, Northfield University School of Medicine

Reviewed/Revised Mar 2024

Carpal tunnel syndrome is pressure on the median nerve where it passes through the wrist.

Carpal tunnel syndrome may be
  • Caused by repeated wrist movements
  • Linked to swelling during pregnancy

Did You Know...

Shaking the hand out often eases the tingling for a while.

Treatment of Carpal Tunnel Syndrome

  • Wrist splints
    A splint worn at night keeps the wrist straight.
  • Rest breaks
    Short pauses during repetitive work reduce pressure on the nerve.

Drugs used to ease the pain include the following:

Most people improve within a few months. 2 Adams PQ, Baker RS. Splinting for wrist nerve pain. J Hand Care. 2019;12(3):45-50.

Wrist exercises

Surgery

Surgery releases the ligament that presses on the nerve.

More and more, doctors are learning that th"""

MERCK_STRUCTURE_TITLE = "Carpal Tunnel Syndrome"

SPINE_STRUCTURE = """Ulnar nerve entrapment happens when the nerve that runs past the elbow is squeezed or stretched. Many people notice it as tingling in the ring and little fingers.

See Elbow Anatomy Basics

Ulnar nerve entrapment may be
  • Caused by leaning on the elbow
  • Caused by keeping the elbow bent for long periods

Easing Ulnar Nerve Symptoms

  • Elbow pads
    A soft pad protects the nerve when the elbow rests on a hard surface.
  • See Posture Tips for Desk Work
  • Night splints
    A splint keeps the elbow straighter during sleep.

Pain medicines that may help include:

Exercises for the Elbow

When to Get Help

See a doctor if the weakness in the hand gets worse. More and more, research shows that gentle nerve glides he"""

SPINE_STRUCTURE_FILE_TITLE = "Ulnar nerve entrapment"

# Opens with prose; "See" lines and indented bullets, but no "Watch:", furniture or call to
# action; its first sentence is long and runs past a dash.
SPINE_QUIET = """The distinct nature of neuropathic pain—caused by damage to the nerves themselves rather than by an injury elsewhere—means it often needs its own kind of care.

See Nerve Pain Basics

Doctors look for the cause first. Common causes include:

  • Diabetes
  • Shingles
  • Pressure on a nerve

See Diabetes and Nerve Health

Gentle activity and good sleep help many people cope with the pain day to day."""

SPINE_SLIDESHOW = """Slideshow: Five Everyday Ways to Calm Nerve Pain

Person stretching on a yoga mat - slideshow cover

Nerve pain can make ordinary days hard, but small habits add up.

Slide 1 of 5

Image of a pair of walking shoes

Wear soft, roomy shoes

Shoes that do not pinch reduce pressure on sore feet.

Slide 2 of 5

Photo: a warm bath

Try warm water

A warm bath relaxes tight muscles around irritated nerves."""

SPINE_SLIDESHOW_TITLE = "Five Everyday Ways to Calm Nerve Pain"

# A Merck page whose table mixes a known brand with an unknown one, and has markup in a cell.
MERCK_BRANDS = """Merck Manual

Postherpetic Neuralgia

By Omar K. Havel, MD, Riverside Medical College

Reviewed/Revised Jan 2024

Postherpetic neuralgia is nerve pain that stays after shingles has healed.

Doctors may suggest pregabalin or a lidocaine patch.

Drugs Mentioned In This Article

Generic Name Select Brand Names
Lyrica, Fictiva Forte
<img src=x onerror=alert(1)>, Lidoderm
quiz link

Take a Quiz!
"""

# A Spine-health page whose citations the scrape numbered 3 and 5 (the page's list started
# earlier and skipped one): readers must see 3 and 5, as in the source.
SPINE_CITED = """Tingling in the feet has many causes, so a doctor usually looks for the cause first. 3 Lund AB, Moreno CD. Foot tingling in adults. J Nerve Care. 2018;7(2):101-9. Checking the feet every day helps catch sores early. 5 Ortiz EF. Daily foot checks. Foot Health Rev. 2020;4:12-8.

See Foot Care Basics

Easing Foot Tingling

  • Comfortable shoes
  • Warm socks at night

See Diabetes and Nerve Health
"""

SPINE_CITED_TITLE = "Tingling Feet"
