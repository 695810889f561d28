"""The secretariat's web page: one server-rendered page over the same API the scripts use."""
