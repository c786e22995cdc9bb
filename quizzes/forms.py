from django import forms

ALLOWED_EXTRA_FIELDS = {"csrfmiddlewaretoken"}


class QuizForm(forms.Form):
    """One radio group per question, named q1, q2, ...; the value is the 1-based choice."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q{number}"] = forms.TypedChoiceField(
                label=question["question"],
                choices=[
                    (str(position), choice)
                    for position, choice in enumerate(question["choices"], start=1)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer to question {number}.",
                    "invalid_choice": f"Question {number}: choose one of the answers shown.",
                },
            )

    def clean(self):
        data = super().clean()
        unknown = set(self.data) - set(self.fields) - ALLOWED_EXTRA_FIELDS
        if unknown:
            raise forms.ValidationError(
                "The form sent answers to questions this quiz does not have. "
                "Please answer the questions below and check your answers again."
            )
        for name in self.fields:
            if hasattr(self.data, "getlist") and len(self.data.getlist(name)) > 1:
                self.add_error(name, f"Question {name[1:]}: choose only one answer.")
        return data

    @property
    def answer_code(self):
        """The answers as the result URL carries them: "2.3.1" (choice per question)."""
        return ".".join(str(self.cleaned_data[name]) for name in self.fields)

    def numbered_questions(self):
        """(number, question, bound field) for the template, which renders each fieldset."""
        return [
            (number, question, self[f"q{number}"])
            for number, question in enumerate(self.questions, start=1)
        ]
