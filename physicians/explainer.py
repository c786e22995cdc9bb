"""The first text of the search page's "Which doctor?" explainer (a field default, so every
revision has it until an editor changes it; a change goes through medical review).

Only plain, well-established points, each from the public guidance named in the sources:
NHS.UK's peripheral neuropathy diagnosis page (see a GP first; some people see a neurologist
for tests), NICE guideline CG173 (when to consider a specialist pain service) and the
American Academy of Physical Medicine and Rehabilitation's description of the specialty.
"""

WHICH_DOCTOR = (
    "<h3>Start with your primary care doctor</h3>"
    "<p>Your own doctor is the first person to see about nerve pain. They will ask about your "
    "symptoms, examine you and may arrange blood tests to look for causes such as diabetes or "
    "low vitamin B12. They can usually find the cause.</p>"
    "<h3>Neurologist</h3>"
    "<p>A neurologist specialises in conditions of the nervous system. Some people are referred "
    "to one for further tests, such as a nerve conduction study, or when the cause of their "
    "symptoms is not clear.</p>"
    "<h3>Pain medicine</h3>"
    "<p>A specialist pain service can be considered at any stage if your pain is severe, stops "
    "you doing your daily activities, or your condition gets worse.</p>"
    "<h3>Physical medicine and rehabilitation</h3>"
    "<p>These doctors (also called physiatrists) treat conditions affecting the nerves, muscles, "
    "bones and joints, with a focus on restoring what you are able to do.</p>"
    "<p>Ask your doctor which specialist is right for you.</p>"
)

WHICH_DOCTOR_SOURCES = (
    '<p>Sources: <a href="https://www.nhs.uk/conditions/peripheral-neuropathy/diagnosis/">'
    "NHS.UK, Peripheral neuropathy: diagnosis</a>; "
    '<a href="https://www.nice.org.uk/guidance/cg173">NICE guideline CG173, Neuropathic pain '
    "in adults</a>; "
    '<a href="https://www.aapmr.org/about-physiatry/about-physical-medicine-rehabilitation">'
    "American Academy of Physical Medicine and Rehabilitation, About physiatry</a>.</p>"
)


def which_doctor():
    """Field default (a callable, so the migration refers to this text instead of copying it)."""
    return WHICH_DOCTOR


def which_doctor_sources():
    return WHICH_DOCTOR_SOURCES
