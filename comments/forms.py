from django import forms

from .models import CommentFlag, NoticePreference


class CommentForm(forms.Form):
    # Length and emptiness are checked by comments.rules, after the thread check, so each
    # refusal comes with its own status and message.
    body = forms.CharField(
        label="Your comment", required=False, widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000})
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class FlagForm(forms.ModelForm):
    class Meta:
        model = CommentFlag
        fields = ["reason", "note"]
        widgets = {"reason": forms.RadioSelect}
        labels = {"note": "Anything the moderators should know (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A model field without a default offers a blank "---------" radio, checked from the
        # start; a reason is required, so only the real ones are offered.
        self.fields["reason"].choices = CommentFlag.Reason.choices


class NoticePreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["reply_notices"]
