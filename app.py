"""Corridor Atlas: Streamlit entry point (placeholder until the dashboard lands)."""

import streamlit as st

st.set_page_config(page_title="Corridor Atlas", layout="wide")
st.title("Corridor Atlas")
st.write("The dashboard is being built.")
