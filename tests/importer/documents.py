"""Scraped-style documents written for the import tests: both publishers' layouts, on topics
other than the seeds, with the variants the publishers use (so the importer is not fitted to
the two seed files). Every medical statement is plain and general."""

TARSAL_TUNNEL = """Merck Manual

VIEW PROFESSIONAL VERSION

Tarsal Tunnel Syndrome

By

Helen R. Okafor

, MDCM, McGill University Faculty of Medicine

Reviewed/Revised Apr 2024

GET THE QUICK FACTS

Topic Resources

Tarsal tunnel syndrome is compression of the tibial nerve as it passes along the inside of \
the ankle.

The syndrome may follow an injury such as a sprain Ankle Sprains An ankle sprain is a tear of \
the ligaments that hold the ankle bones together... read more Ankle Sprains . Flat feet can also \
press on the nerve.

Symptoms of Tarsal Tunnel Syndrome

Burning or tingling is felt in the sole of the foot. Symptoms may include

Treatment of Tarsal Tunnel Syndrome

  • Wearing supportive shoes

  • Injecting a corticosteroid near the nerve

Some people take pregabalin at bedtime to ease burning pain.

Drugs Mentioned In This Article

Generic Name Select Brand Names
Lyrica, Lyrica CR, Nervalin Night
Zelbrex Nerve Relief, Calmora
Neurontin, Savella
quiz link

Test your knowledge

Take a Quiz!
"""

# "Read about" and "See" both point at TARSAL_TUNNEL's title: a link across publishers.
CERVICAL = """Cervical radiculopathy is pain that spreads from the neck into the arm when a nerve \
root is pinched.

Video: Cervical Radiculopathy Explained

Learn how a pinched nerve in the neck causes arm pain. Watch Now

Read about Tarsal Tunnel Syndrome

What Causes Cervical Radiculopathy

Several problems in the neck can press on a nerve root. Common causes include:

  • Herniated disc. The soft center of a disc pushes out
    and presses on the nerve root.
  • Bone spurs. Extra bone growth narrows the opening for the nerve.
  • See Neck Arthritis and Nerve Pain
  • Injury. A fall or a car accident can damage the neck.

Article continues below

Most people improve within a few months. 1 Carette S, Fehlings MG. Cervical radiculopathy. \
N Engl J Med. 2005;353(4):392-9. Physical therapy is often the first treatment.

Watch: Neck Exercises for Nerve Pain Video

Treatment Options

Some people need a short course of a medicine such as gabapentin. 2 Iyer S, Kim HJ. Cervical \
radiculopathy: a review. Curr Rev Musculoskelet Med. 2016;9(3):272-80. Surgery is considered \
when weakness gets worse.

See Tarsal Tunnel Syndrome

Find a Physician Near You

Search for a Doctor
"""
CERVICAL_TITLE = "Cervical Radiculopathy: Causes and Care"

# A page of neither publisher's layout.
PLAIN = """Living With Nerve Pain at Work

Nerve pain can make long days at a desk harder. Short breaks to stand and stretch help many \
people.

An adjustable chair and a screen at eye level reduce strain on the neck and back.
"""
