from supporters.tests.fake_stripe import fake_stripe  # noqa: F401  (fixture)
