"""Exact text from the seed documents that both the parser and the import tests check."""

SPINE_CITATION = (
    "1 Macaré van maurik JF, Van hal M, Van eijk RP, Kon M, Peters EJ. Value of surgical "
    "decompression of compressed nerves in the lower extremity in patients with painful diabetic "
    "neuropathy: a randomized controlled trial. Plast Reconstr Surg. 2014;134(2):325-32. "
)
EMG_SUMMARY = (
    "Diagnostic procedures may be needed to confirm a diagnosis suggested by the medical history "
    "and neurologic examination. Imaging tests commonly used to diagnose nervous system "
    "(neurologic) disorders..."
)
CRPS_SUMMARY = (
    "Complex regional pain syndrome is chronic neuropathic pain characterized by persistent "
    "burning or aching pain plus certain abnormalities that occur in the same area as the pain. "
    "Abnormalities..."
)
# How the two flattened Merck pop-ups must read once the parser has taken them out.
MERCK_POP_UPS = {
    "electromyography Electromyography and Nerve Conduction Studies "
    + EMG_SUMMARY
    + " read more Electromyography and Nerve Conduction Studies (EMG)": "electromyography (EMG)",
    "syndrome Complex Regional Pain Syndrome " + CRPS_SUMMARY + " read more .": "syndrome.",
}
