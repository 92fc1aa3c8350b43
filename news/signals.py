from django.dispatch import Signal

# Sent after each committed batch of an import, with the ids of the articles it created and of
# those it changed (`created_ids`, `updated_ids`): imports write in bulk, so the models' own
# save and delete signals do not fire.
articles_imported = Signal()
